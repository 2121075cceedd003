// CanNotDelete locks on the resources whose loss cannot be undone by soft delete: the storage account (tables and
// queues have no soft delete) and the Key Vault. Data inside can still change; only deleting the resource (or its
// resource group) is blocked until someone with Owner rights removes the lock on purpose.

@description('Storage account to protect.')
param storageAccountName string

@description('Key Vault to protect.')
param keyVaultName string

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: account
  name: 'do-not-delete-state'
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds all Safeguarding Workflows state; tables and queues cannot be restored after deletion.'
  }
}

resource vaultLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: vault
  name: 'do-not-delete-secrets'
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the Safeguarding Workflows email and link-signing secrets.'
  }
}
