// The two secrets Kaireon needs that no Azure identity can replace: the pepper mixed into API key
// hashes and the bootstrap admin key. They live here and reach the app as Key Vault references
// resolved with the app's identity, so neither the template's outputs nor the app settings hold them.
param name string
param location string
param tags object

@secure()
param apiKeyPepper string

@secure()
param bootstrapApiKey string

@description('The principal that reads the secrets (Key Vault Secrets User).')
param principalId string

var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource pepper 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'api-key-pepper'
  properties: {
    value: apiKeyPepper
  }
}

resource bootstrap 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'bootstrap-api-key'
  properties: {
    value: bootstrapApiKey
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, principalId, secretsUser)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
  }
}

// Versionless URIs: the app picks up a rotated secret on its next restart.
output pepperReference string = '@Microsoft.KeyVault(SecretUri=${pepper.properties.secretUri})'
output bootstrapApiKeyReference string = '@Microsoft.KeyVault(SecretUri=${bootstrap.properties.secretUri})'
