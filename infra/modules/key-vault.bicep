// The vault for the deployment's secrets: the link-signing key and the SendGrid API key or the Graph client secret
// (set by an operator with `az keyvault secret set`). RBAC mode, so access is granted with role assignments
// (key-vault-access.bicep) rather than access policies.

@description('Azure region.')
param location string

@description('Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Days a deleted secret, or the deleted vault, can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionDays int

@description('Tags applied to every resource.')
param tags { *: string }

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionDays
    // Once on, purge protection cannot be turned off: a deleted vault or secret stays recoverable for the whole
    // retention period, and nobody (not even an owner) can purge it early.
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      // Container Apps on the Consumption plan have no fixed outbound address to allow-list.
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
