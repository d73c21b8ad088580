metadata description = 'Data-plane role assignments: the app identity gets what the Functions host, Durable Functions, the DurableDags store, telemetry and Key Vault references need; optionally a person or pipeline gets the same data access.'

@description('Required. Principal ID of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Optional. Principal ID of the person or pipeline that deploys, to run DurableDags locally against the cloud store and to set Key Vault secrets. Empty: none.')
param userPrincipalId string = ''

@description('Optional. Kind of principal userPrincipalId is.')
@allowed([
  'User'
  'ServicePrincipal'
])
param userPrincipalType string = 'User'

@description('Required. Name of the storage account.')
param storageAccountName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. Name of the Key Vault.')
param keyVaultName string

// Built-in role definition IDs: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

// Blob Data Owner (not Contributor) because the Functions host and Durable Functions manage
// blob leases and containers of their own.
var storageRoleIds = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

var grantUser = !empty(userPrincipalId)

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource identityStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoleIds: {
    name: guid(storage.id, identityPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource identityTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityPrincipalId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource identitySecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource userStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoleIds: if (grantUser) {
    name: guid(storage.id, userPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]

resource userTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantUser) {
  name: guid(appInsights.id, userPrincipalId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

// Officer rather than User: the deployer is the one who sets the secret values.
resource userSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantUser) {
  name: guid(vault.id, userPrincipalId, roleIds.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}
