// Cosmos DB for NoSQL: the account, Kaireon's database and its four containers exactly as
// Kaireon.Storage.Cosmos/CosmosContainers.cs defines them (the app would create them if missing,
// but its identity has data-plane rights only, so they must exist before it starts). Keys are off:
// the app signs in with its managed identity and the built-in Data Contributor role.
param accountName string
param location string
param tags object
param databaseName string

@allowed([
  'Serverless'
  'Autoscale'
])
param throughputMode string

@description('Autoscale only: the database\'s shared maximum RU/s (it scales between 10% of this and this).')
@minValue(1000)
param autoscaleMaxThroughput int

@description('The principal that reads and writes items.')
param principalId string

var serverless = throughputMode == 'Serverless'

// Queries filter on the document envelope only, never inside "body" (same policy as the adapter).
var envelopeOnly = {
  indexingMode: 'consistent'
  automatic: true
  includedPaths: [
    {
      path: '/*'
    }
  ]
  excludedPaths: [
    {
      path: '/body/*'
    }
    {
      path: '/"_etag"/?'
    }
  ]
}

var containers = [
  {
    name: 'catalog'
    partitionKey: '/tenantId'
    defaultTtl: null
  }
  {
    name: 'customers'
    partitionKey: '/pk'
    defaultTtl: null
  }
  {
    name: 'rollups'
    partitionKey: '/pk'
    defaultTtl: null
  }
  {
    // -1: TTL on with no default expiry, so each trace item's own "ttl" is honoured.
    name: 'traces'
    partitionKey: '/tenantId'
    defaultTtl: -1
  }
]

// Cosmos DB Built-in Data Contributor: items read/write/query, metadata read; no control plane.
var dataContributor = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2026-03-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2026-03-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    // Serverless accounts take no throughput; autoscale is shared by the four containers.
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2026-03-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: {
          paths: [c.partitionKey]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: envelopeOnly
        defaultTtl: c.defaultTtl
      }
    }
  }
]

resource dataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2026-03-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributor)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
