metadata description = 'The user-assigned managed identity that the Function app uses for storage, monitoring, Key Vault and the Durable Task Scheduler.'

@description('Required. Name of the identity.')
param name string

@description('Required. Azure region.')
param location string

@description('Required. Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('The resource ID of the identity.')
output resourceId string = identity.id

@description('The client (application) ID of the identity; the app uses it to pick this identity.')
output clientId string = identity.properties.clientId

@description('The principal (object) ID of the identity; role assignments use it.')
output principalId string = identity.properties.principalId
