// A development or trial deployment: one replica, locally redundant storage, and the Outbox email provider so no
// mail leaves Azure (messages are listed at /api/outbox). Image and registry come from the shell:
//   export SGW_CONTAINER_IMAGE=myregistry.azurecr.io/safeguarding-workflows:2025.06.1 SGW_CONTAINER_REGISTRY=myregistry
using '../main.bicep'

param environmentName = 'dev'
param authAudience = readEnvironmentVariable('SGW_AUTH_AUDIENCE', 'api://safeguarding-workflows')
param containerImage = readEnvironmentVariable('SGW_CONTAINER_IMAGE')
param containerRegistryName = readEnvironmentVariable('SGW_CONTAINER_REGISTRY', '')
param operatorPrincipalId = readEnvironmentVariable('SGW_OPERATOR_OBJECT_ID', '')

param containerCpu = '0.5'
param storageSkuName = 'Standard_LRS'
param softDeleteRetentionDays = 7
param logRetentionInDays = 30
param keyVaultSoftDeleteRetentionDays = 7

param emailProvider = 'Outbox'
param emailFrom = 'safeguarding-dev@example.org'

// A trial environment is meant to be torn down: no delete locks.
param protectFromDeletion = false
