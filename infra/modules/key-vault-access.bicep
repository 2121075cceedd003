// Grants one principal built-in roles on the Key Vault.

@description('Key Vault name.')
param keyVaultName string

@description('Object id of the principal being granted the roles.')
param principalId string

@description('ServicePrincipal for a managed identity; User or Group for people.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string

@description('Built-in role definition GUIDs to assign.')
param roleDefinitionIds string[]

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    scope: vault
    name: guid(vault.id, principalId, roleId)
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]
