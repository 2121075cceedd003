// Safeguarding Workflows in one resource group: storage for all durable state (and the Orleans cluster membership),
// the host on Azure Container Apps, Key Vault for email secrets, Log Analytics + Application Insights. Deploy with:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/env/prod.bicepparam
// See infra/README.md for the runbook.

targetScope = 'resourceGroup'

// ---- Naming and placement ----

@description('Short environment name used in resource names: dev, test, prod...')
@minLength(2)
@maxLength(6)
param environmentName string

@description('Short prefix for resource names (lowercase letters and digits).')
@minLength(2)
@maxLength(8)
param namePrefix string = 'sgw'

@description('Azure region; defaults to the resource group\'s (UK South or UK West keeps data in the UK).')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags { *: string } = {}

// ---- The app ----

@description('Container image to run, e.g. myregistry.azurecr.io/safeguarding-workflows:2025.06.1.')
@minLength(1)
param containerImage string

@description('Name of an existing Azure Container Registry in this resource group that holds the image; empty for a public image.')
param containerRegistryName string = ''

@description('vCPUs per replica: 0.5, 1.0 or 2.0 (memory is twice this in GiB).')
@allowed([
  '0.5'
  '1.0'
  '2.0'
])
param containerCpu string = '1.0'

@description('Replicas, one Orleans cluster whose membership is a table in the storage account (Engine__Clustering=AzureStorage).')
@minValue(1)
@maxValue(10)
param replicaCount int = 1

@description('Orleans cluster id (Engine__ClusterId). Changing it on a running deployment starts a new, empty cluster membership.')
param clusterId string = 'safeguarding-workflows'

@description('Entra ID tenant that signs staff tokens (Auth__EntraId__TenantId).')
param authTenantId string = tenant().tenantId

@description('The API app registration: its application ID URI or client id, the token audience (Auth__EntraId__Audience).')
param authAudience string

@description('Extra environment variables for the app (name to value), e.g. { Auth__TenantId: \'...\' }. Never put secrets here.')
param appSettings { *: string } = {}

@description('Public URL used in links in emails; empty means the container app\'s own https address.')
param publicBaseUrl string = ''

// ---- Storage ----

@description('Storage redundancy: Standard_LRS for dev, Standard_ZRS or Standard_GZRS for production.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('Table, queue and container name prefix (Storage__Prefix).')
param storagePrefix string = 'sgw'

@description('Days deleted or overwritten blobs and deleted containers can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 30

@description('Re-enable shared-key access to storage. Leave off: the app authenticates with its managed identity.')
param allowSharedKeyAccess bool = false

// ---- Email ----

@description('Email provider: Outbox keeps messages in blob storage (no mail leaves), SendGrid or Graph send them.')
@allowed([
  'Outbox'
  'SendGrid'
  'Graph'
])
param emailProvider string = 'Outbox'

@description('Sender address (Email__From). For Graph, normally the shared mailbox address.')
param emailFrom string = ''

@description('Graph only: the shared mailbox that sends mail and owns calendar events (Email__Graph__Mailbox).')
param graphMailbox string = ''

@description('Graph only: the Entra tenant of the mailbox (Email__Graph__TenantId).')
param graphTenantId string = tenant().tenantId

@description('Graph only: client id of an Entra app registration whose secret is in Key Vault as graph-client-secret. Empty: the app\'s managed identity calls Graph and no secret exists.')
param graphClientId string = ''

// ---- Operations ----

@description('Days Log Analytics and Application Insights keep data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@description('Days a deleted Key Vault secret (or the vault) stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionDays int = 90

@description('Put CanNotDelete locks on the storage account and the Key Vault (recommended for production).')
param protectFromDeletion bool = true

@description('Object id of a person or group who manages the secrets (gets Key Vault Secrets Officer); empty for none.')
param operatorPrincipalId string = ''

@description('Whether operatorPrincipalId is a User or a Group.')
@allowed([
  'User'
  'Group'
])
param operatorPrincipalType string = 'User'

// ---- Names ----

var prefix = toLower(namePrefix)
var env = toLower(environmentName)
var suffix = uniqueString(resourceGroup().id, prefix, env)
var names = {
  storage: take('st${replace(prefix, '-', '')}${replace(env, '-', '')}${suffix}', 24)
  keyVault: take('kv-${prefix}-${env}-${suffix}', 24)
  workspace: 'log-${prefix}-${env}'
  appInsights: 'appi-${prefix}-${env}'
  platformIdentity: 'id-${prefix}-${env}-platform'
  containerEnvironment: 'cae-${prefix}-${env}'
  app: 'ca-${prefix}-${env}'
}
var allTags = union({ service: 'safeguarding-workflows', environment: env }, tags)

// Key Vault secret names the runbook refers to.
var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  graphClientSecret: 'graph-client-secret'
  linkSigningKey: 'link-signing-key'
}

var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

// ---- Resources ----

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    skuName: storageSkuName
    softDeleteRetentionDays: softDeleteRetentionDays
    allowSharedKeyAccess: allowSharedKeyAccess
    tags: allTags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    location: location
    name: names.keyVault
    softDeleteRetentionDays: keyVaultSoftDeleteRetentionDays
    tags: allTags
  }
}

module platformIdentity 'modules/platform-identity.bicep' = {
  name: 'platform-identity'
  params: {
    location: location
    name: names.platformIdentity
    containerRegistryName: containerRegistryName
    tags: allTags
  }
}

// Key Vault Secrets User for the identity that resolves the app's secret references.
module secretsReader 'modules/key-vault-access.bicep' = {
  name: 'key-vault-access-platform'
  params: {
    keyVaultName: names.keyVault
    // Known only once the identity exists; it is part of the assignment's name so that a recreated identity gets a
    // new assignment instead of a failed update (what-if then shows this assignment as unknown).
    #disable-next-line what-if-short-circuiting
    principalId: platformIdentity.outputs.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionIds: [roles.keyVaultSecretsUser]
  }
  dependsOn: [
    keyVault
  ]
}

module operatorAccess 'modules/key-vault-access.bicep' = if (!empty(operatorPrincipalId)) {
  name: 'key-vault-access-operator'
  params: {
    keyVaultName: names.keyVault
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionIds: [roles.keyVaultSecretsOfficer]
  }
  dependsOn: [
    keyVault
  ]
}

module deleteLocks 'modules/delete-locks.bicep' = if (protectFromDeletion) {
  name: 'delete-locks'
  params: {
    storageAccountName: names.storage
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    keyVault
  ]
}

// ---- App settings (Section__Key environment variables) ----

var emailSettings = union(
  { Email__Provider: emailProvider },
  empty(emailFrom) ? {} : { Email__From: emailFrom },
  emailProvider == 'Graph'
    ? union(
        { Email__Graph__Mailbox: graphMailbox, Email__Graph__TenantId: graphTenantId },
        empty(graphClientId) ? {} : { Email__Graph__ClientId: graphClientId }
      )
    : {}
)

var settings = union(
  {
    ASPNETCORE_ENVIRONMENT: 'Production'
    Storage__AccountName: storage.outputs.name
    Storage__Prefix: storagePrefix
    Auth__Mode: 'EntraId'
    Auth__EntraId__TenantId: authTenantId
    Auth__EntraId__Audience: authAudience
    Engine__ClusterId: clusterId
    // Always a table-storage cluster, even of one replica: during a rollout the old and new revisions then join one
    // cluster instead of running as two unaware ones.
    Engine__Clustering: 'AzureStorage'
  },
  emailSettings,
  appSettings
)

// Consumption plan pairs: memory is twice the vCPUs.
var memoryGiByCpu = {
  '0.5': '1'
  '1.0': '2'
  '2.0': '4'
}

var vaultSecretsBase = '${keyVault.outputs.uri}secrets/'
var keyVaultSettings = concat(
  [
    {
      // Signs contributor links; set it before the first deployment (see infra/README.md, "Secrets").
      name: 'Auth__LinkSigningKey'
      secretName: secretNames.linkSigningKey
      keyVaultUrl: '${vaultSecretsBase}${secretNames.linkSigningKey}'
    }
  ],
  emailProvider == 'SendGrid'
    ? [
        {
          name: 'Email__SendGrid__ApiKey'
          secretName: secretNames.sendGridApiKey
          keyVaultUrl: '${vaultSecretsBase}${secretNames.sendGridApiKey}'
        }
      ]
    : [],
  emailProvider == 'Graph' && !empty(graphClientId)
    ? [
        {
          name: 'Email__Graph__ClientSecret'
          secretName: secretNames.graphClientSecret
          keyVaultUrl: '${vaultSecretsBase}${secretNames.graphClientSecret}'
        }
      ]
    : []
)

module app 'modules/container-app.bicep' = {
  name: 'container-app'
  params: {
    location: location
    environmentName: names.containerEnvironment
    appName: names.app
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    platformIdentityId: platformIdentity.outputs.id
    registryServer: platformIdentity.outputs.registryServer
    containerImage: containerImage
    cpu: containerCpu
    memory: memoryGiByCpu[containerCpu]
    replicas: replicaCount
    settings: settings
    keyVaultSettings: keyVaultSettings
    publicBaseUrl: publicBaseUrl
    tags: allTags
  }
  dependsOn: [
    monitoring
    // Container Apps checks it can read every referenced secret while it creates the app.
    secretsReader
  ]
}

module storageAccess 'modules/storage-access.bicep' = {
  name: 'storage-access-app'
  params: {
    storageAccountName: names.storage
    // As for secretsReader: the system-assigned identity exists only once the app does.
    #disable-next-line what-if-short-circuiting
    principalId: app.outputs.principalId
  }
}

// ---- Outputs ----

@description('The app\'s public https address.')
output appUrl string = app.outputs.url

@description('The storage account holding all durable state.')
output storageAccountName string = storage.outputs.name

@description('The Key Vault that holds link-signing-key / sendgrid-api-key / graph-client-secret.')
output keyVaultName string = keyVault.outputs.name

@description('The container app\'s name (for az containerapp commands).')
output containerAppName string = app.outputs.name

@description('Object id of the app\'s system-assigned managed identity (grant it Graph permissions for the Graph provider).')
output appPrincipalId string = app.outputs.principalId
