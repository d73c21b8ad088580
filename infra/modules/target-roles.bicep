metadata description = 'One role for the app identity on one service a DAG calls with the identity\'s Entra ID token (auth: { type: entra }): a resource group, an Azure ML workspace, a Data Factory or a Container Apps job. Deployed at the target\'s resource group, so the target may live anywhere the deployer may assign roles.'

@description('Required. Principal ID of the app\'s user-assigned identity.')
param principalId string

@description('Required. ARM ID of the target: /subscriptions/{s}/resourceGroups/{rg}, or a resource in it.')
param scope string

// Bicep scopes a role assignment to a typed resource only, never to an ID string, so each kind
// of target the recipes call is named here; any other is refused when the deployment starts.
// ARM IDs are case-insensitive, hence =~ below.
@description('Required. Kind of the target, from its ID.')
@allowed([
  'resourceGroup'
  'Microsoft.MachineLearningServices/workspaces'
  'Microsoft.DataFactory/factories'
  'Microsoft.App/jobs'
])
param targetType string

@description('Required. GUID of the role definition (built-in or custom) in the target\'s subscription.')
param roleDefinitionId string

var name = last(split(scope, '/'))
var roleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
var assignmentName = guid(scope, principalId, roleDefinitionId)

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-04-01' existing = if (targetType =~ 'Microsoft.MachineLearningServices/workspaces') {
  name: name
}

resource factory 'Microsoft.DataFactory/factories@2018-06-01' existing = if (targetType =~ 'Microsoft.DataFactory/factories') {
  name: name
}

resource job 'Microsoft.App/jobs@2024-03-01' existing = if (targetType =~ 'Microsoft.App/jobs') {
  name: name
}

resource onGroup 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (targetType =~ 'resourceGroup') {
  name: assignmentName
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: roleId
  }
}

resource onWorkspace 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (targetType =~ 'Microsoft.MachineLearningServices/workspaces') {
  name: assignmentName
  scope: workspace
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: roleId
  }
}

resource onFactory 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (targetType =~ 'Microsoft.DataFactory/factories') {
  name: assignmentName
  scope: factory
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: roleId
  }
}

resource onJob 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (targetType =~ 'Microsoft.App/jobs') {
  name: assignmentName
  scope: job
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: roleId
  }
}
