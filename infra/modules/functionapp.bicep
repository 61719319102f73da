// The Flex Consumption (FC1) plan and the function app: Kaireon.Functions runs as a custom handler
// (runtime "custom" 1.0, design §2), deployed from a blob container read with the app's identity.
// Every connection is identity-based: account names and endpoints plus the identity's client id,
// never a key; the two app secrets are Key Vault references.
param planName string
param appName string
param location string
param tags object

@description('Resource id and client id of the user-assigned identity the app runs as.')
param identityId string
param identityClientId string

param storageAccountName string
param deploymentContainerUrl string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

param appInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabaseName string
param eventHubsNamespace string
param eventHubName string
param eventHubsConsumerGroup string
param defaultEventTenantId string
param bootstrapTenantId string
param pepperReference string
param bootstrapApiKeyReference string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // The host's storage (AzureWebJobsStorage) with the identity.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        // The ProcessEvents trigger's connection ("connection": "EventHubConnection" in its function.json).
        {
          name: 'EventHubConnection__fullyQualifiedNamespace'
          value: eventHubsNamespace
        }
        {
          name: 'EventHubConnection__credential'
          value: 'managedidentity'
        }
        {
          name: 'EventHubConnection__clientId'
          value: identityClientId
        }
        // Host telemetry with the identity (local auth is off on the component).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Kaireon's own settings (README "Configuration").
        {
          name: 'Kaireon__Storage__Provider'
          value: 'Cosmos'
        }
        {
          name: 'Kaireon__Cosmos__Endpoint'
          value: cosmosEndpoint
        }
        {
          name: 'Kaireon__Cosmos__Database'
          value: cosmosDatabaseName
        }
        {
          name: 'Kaireon__Cosmos__ClientId'
          value: identityClientId
        }
        {
          name: 'Kaireon__Stream__Provider'
          value: 'EventHubs'
        }
        {
          name: 'Kaireon__Stream__EventHubs__FullyQualifiedNamespace'
          value: eventHubsNamespace
        }
        {
          // Also the trigger's %Kaireon__Stream__EventHubs__EventHubName%.
          name: 'Kaireon__Stream__EventHubs__EventHubName'
          value: eventHubName
        }
        {
          // Also the trigger's %Kaireon__Stream__EventHubs__ConsumerGroup%.
          name: 'Kaireon__Stream__EventHubs__ConsumerGroup'
          value: eventHubsConsumerGroup
        }
        {
          name: 'Kaireon__Stream__EventHubs__ClientId'
          value: identityClientId
        }
        {
          // Empty: app events that name no tenant are parked as dead letters.
          name: 'Kaireon__Stream__EventHubs__DefaultTenantId'
          value: defaultEventTenantId
        }
        {
          name: 'Kaireon__Security__ApiKeyPepper'
          value: pepperReference
        }
        {
          name: 'Kaireon__Bootstrap__ApiKey'
          value: bootstrapApiKeyReference
        }
        {
          name: 'Kaireon__Bootstrap__TenantId'
          value: bootstrapTenantId
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// No publishing passwords: deployments authenticate with Microsoft Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
