// Kaireon on Azure (design §11): a Flex Consumption function app running Kaireon.Functions as a
// custom handler, Cosmos DB, Event Hubs, Storage, Key Vault, Log Analytics + Application Insights,
// and one user-assigned identity that holds every data-plane role. Deploy into an existing
// resource group: az deployment group create -g <rg> -f infra/main.bicep -p @infra/main.parameters.json ...
targetScope = 'resourceGroup'

@description('Region of every resource; Flex Consumption must be offered there.')
param location string = resourceGroup().location

@description('Short prefix of resource names; a hash of the resource group id makes them unique.')
@minLength(3)
@maxLength(10)
param namePrefix string = 'kaireon'

param tags object = {}

@description('Serverless (pay per request, the default) or Autoscale (provisioned RU/s shared by the four containers).')
@allowed([
  'Serverless'
  'Autoscale'
])
param cosmosThroughputMode string = 'Serverless'

@description('Autoscale only: maximum RU/s of the database.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

param cosmosDatabaseName string = 'kaireon'

@description('Basic has no custom consumer groups (the trigger then reads $Default) and keeps events 1 day.')
@allowed([
  'Basic'
  'Standard'
])
param eventHubsSku string = 'Standard'

param eventHubName string = 'interactions'

@description('Partitions of the hub: the most ProcessEvents instances that work in parallel. Fixed once created on Basic/Standard.')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@minValue(1)
@maxValue(7)
param eventHubRetentionDays int = 1

param eventHubConsumerGroup string = 'kaireon-processor'

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tenant of Event Hubs app events that name none; empty parks them as dead letters.')
param defaultEventTenantId string = ''

@description('The tenant created at first start, owner of the bootstrap key.')
param bootstrapTenantId string = 'default'

@description('Secret mixed into API key hashes, at least 32 characters. Keep it: changing it invalidates every API key.')
@secure()
@minLength(32)
param apiKeyPepper string

@description('Admin + platform key of the bootstrap tenant: krn_ and at least 20 more characters.')
@secure()
@minLength(24)
param bootstrapApiKey string

var suffix = uniqueString(resourceGroup().id)
var baseName = '${namePrefix}-${suffix}'
var deploymentContainerName = 'app-package'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('st${toLower(namePrefix)}${suffix}', 24)
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    principalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${baseName}'
    appInsightsName: 'appi-${baseName}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    principalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: 'cosmos-${baseName}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    principalId: identity.outputs.principalId
  }
}

module eventHubs 'modules/eventhubs.bicep' = {
  name: 'eventhubs'
  params: {
    namespaceName: 'evhns-${baseName}'
    location: location
    tags: tags
    sku: eventHubsSku
    hubName: eventHubName
    partitionCount: eventHubPartitionCount
    retentionDays: eventHubRetentionDays
    consumerGroupName: eventHubsSku == 'Basic' ? '$Default' : eventHubConsumerGroup
    principalId: identity.outputs.principalId
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('kv-${namePrefix}-${suffix}', 24)
    location: location
    tags: tags
    apiKeyPepper: apiKeyPepper
    bootstrapApiKey: bootstrapApiKey
    principalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    planName: 'plan-${baseName}'
    appName: 'func-${baseName}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    eventHubsNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.hubName
    eventHubsConsumerGroup: eventHubs.outputs.consumerGroupName
    defaultEventTenantId: defaultEventTenantId
    bootstrapTenantId: bootstrapTenantId
    pepperReference: vault.outputs.pepperReference
    bootstrapApiKeyReference: vault.outputs.bootstrapApiKeyReference
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output cosmosEndpoint string = cosmos.outputs.endpoint
output eventHubsNamespace string = eventHubs.outputs.fullyQualifiedNamespace
