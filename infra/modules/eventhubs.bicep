// Event Hubs: the interaction stream. Respond publishes to the hub (REST + Entra token) and the
// ProcessEvents trigger reads it through its consumer group. SAS keys are off.
param namespaceName string
param location string
param tags object
param hubName string

@allowed([
  'Basic'
  'Standard'
])
param sku string

@minValue(1)
@maxValue(32)
param partitionCount int

@minValue(1)
@maxValue(7)
param retentionDays int

@description('The trigger\'s consumer group; the Basic tier has only $Default.')
param consumerGroupName string

@description('The principal that publishes and consumes.')
param principalId string

// Azure Event Hubs Data Receiver (the trigger) and Data Sender (the app's publisher).
var roleIds = [
  'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  '2b629674-e913-4c01-ae53-ef4638d8f975'
]

resource namespace 'Microsoft.EventHub/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
    capacity: 1
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    isAutoInflateEnabled: false
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2026-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: sku == 'Basic' ? 1 : retentionDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2026-01-01' = if (consumerGroupName != '$Default') {
  parent: hub
  name: consumerGroupName
}

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleIds: {
    scope: hub
    name: guid(hub.id, principalId, roleId)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

// "https://<ns>.servicebus.windows.net:443/" → "<ns>.servicebus.windows.net", whatever the cloud.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
output hubName string = hub.name
output consumerGroupName string = consumerGroupName
