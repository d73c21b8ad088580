metadata description = 'Optional Durable Task Scheduler (Consumption SKU) as the Durable Functions backend, with one task hub and data access for the app identity.'

@description('Required. Name of the scheduler (3-64 letters, digits and hyphens).')
@minLength(3)
@maxLength(64)
param name string

@description('Required. Azure region.')
param location string

@description('Required. Tags for the scheduler.')
param tags object

@description('Required. Name of the task hub.')
param taskHubName string

@description('Required. Principal ID of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Optional. Principal ID of the deployer, for the scheduler dashboard. Empty: none.')
param userPrincipalId string = ''

@description('Optional. Kind of principal userPrincipalId is.')
@allowed([
  'User'
  'ServicePrincipal'
])
param userPrincipalType string = 'User'

// Built-in role "Durable Task Data Contributor".
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'Consumption'
    }
    // An empty list denies every caller. Flex Consumption has no fixed outbound address without
    // a virtual network, so the network is open and every call must carry an Entra ID token
    // of a principal that holds the role below.
    ipAllowlist: [
      '0.0.0.0/0'
    ]
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource identityAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(taskHub.id, identityPrincipalId, durableTaskDataContributor)
  scope: taskHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource userAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(taskHub.id, userPrincipalId, durableTaskDataContributor)
  scope: taskHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

@description('The scheduler endpoint, e.g. https://NAME.REGION.durabletask.io.')
output endpoint string = scheduler.properties.endpoint

@description('The name of the task hub.')
output taskHubName string = taskHub.name
