// Optional Azure Managed Redis, used only as the Orleans membership table when the app runs on more than one
// replica (Engine__Clustering=Redis). Its connection string, which carries the access key, goes straight into
// Key Vault and never appears in a deployment output.

@description('Azure region.')
param location string

@description('Azure Managed Redis cluster name.')
param name string

@description('Azure Managed Redis SKU; Balanced_B0 is ample for a membership table.')
param skuName string

@description('Key Vault that receives the connection string secret.')
param keyVaultName string

@description('Name of the Key Vault secret holding the StackExchange.Redis connection string.')
param connectionStringSecretName string

@description('Tags applied to every resource.')
param tags { *: string }

resource cluster 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    minimumTlsVersion: '1.2'
    // Reached over TLS with the access key; put it behind a private endpoint if the environment gets a VNet.
    publicNetworkAccess: 'Enabled'
    highAvailability: 'Enabled'
  }
}

resource database 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {
  parent: cluster
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    // One endpoint for every client, as a single Redis server would be: the simplest shape for the Orleans provider.
    clusteringPolicy: 'EnterpriseCluster'
    // Membership rows must never be evicted to make room.
    evictionPolicy: 'NoEviction'
    // The Orleans Redis provider authenticates with the access key in its connection string.
    accessKeysAuthentication: 'Enabled'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = {
  parent: vault
  name: connectionStringSecretName
  properties: {
    contentType: 'StackExchange.Redis connection string'
    value: '${cluster.properties.hostName}:${database.properties.port},password=${database.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

output hostName string = cluster.properties.hostName
output connectionStringSecretUri string = connectionString.properties.secretUri
