// A user-assigned identity that the Container Apps platform (not the app's code) uses to pull the image and to
// resolve Key Vault secret references. It exists, with its roles, before the container app is created: Container
// Apps checks registry and Key Vault access while creating the app, which a system-assigned identity cannot pass on
// a first deployment because it does not exist until the app does.

@description('Azure region.')
param location string

@description('User-assigned identity name.')
param name string

@description('Existing Azure Container Registry in this resource group that holds the image; empty for a public image.')
param containerRegistryName string

@description('Tags applied to every resource.')
param tags { *: string }

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = if (!empty(containerRegistryName)) {
  name: containerRegistryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(containerRegistryName)) {
  scope: registry
  name: guid(registry.id, identity.id, acrPullRoleId)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
  }
}

output id string = identity.id
output principalId string = identity.properties.principalId
output registryServer string = empty(containerRegistryName) ? '' : registry!.properties.loginServer
