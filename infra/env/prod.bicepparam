// A partnership's production deployment: two replicas clustered through the storage account, zone-redundant
// storage, 30 days to restore deleted documents, and email through Microsoft Graph from the partnership's shared
// mailbox using the app's managed identity (no client secret). Replace the example.org addresses with your own.
//   export SGW_CONTAINER_IMAGE=myregistry.azurecr.io/safeguarding-workflows:2025.06.1 SGW_CONTAINER_REGISTRY=myregistry
using '../main.bicep'

param environmentName = 'prod'
param authAudience = readEnvironmentVariable('SGW_AUTH_AUDIENCE', 'api://safeguarding-workflows')
param containerImage = readEnvironmentVariable('SGW_CONTAINER_IMAGE')
param containerRegistryName = readEnvironmentVariable('SGW_CONTAINER_REGISTRY', '')
param operatorPrincipalId = readEnvironmentVariable('SGW_OPERATOR_OBJECT_ID', '')

param containerCpu = '1.0'
param storageSkuName = 'Standard_ZRS'
param softDeleteRetentionDays = 30
param logRetentionInDays = 90
param keyVaultSoftDeleteRetentionDays = 90

param emailProvider = 'Graph'
param emailFrom = 'safeguarding@example.org'
param graphMailbox = 'safeguarding@example.org'

param replicaCount = 2

param protectFromDeletion = true
