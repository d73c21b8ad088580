metadata description = 'DurableDags on Azure Functions Flex Consumption: the Function app, its storage, identity, monitoring, secrets and optional Durable Task Scheduler, for one environment in one resource group.'

targetScope = 'resourceGroup'

@description('Required. Short environment name of lower-case letters and digits, used in resource names, tags and the task hub name (e.g. dev, prod).')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Optional. Azure region of every resource. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Optional. Lower-case letters and digits that start every resource name.')
@minLength(2)
@maxLength(6)
param namePrefix string = 'dd'

@description('Optional. Extra tags for every resource.')
param tags object = {}

@description('Optional. dotnet-isolated version on Flex Consumption; see `az functionapp list-flexconsumption-runtimes --location LOCATION --runtime dotnet-isolated`.')
param runtimeVersion string = '10.0'

@description('Optional. Memory of each Function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Most instances the Function app scales out to; caps the bill under load.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. Days Log Analytics keeps logs and traces.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Optional. Days deleted blobs and containers (the store\'s runs and DAGs, the app package) can be restored.')
@minValue(1)
@maxValue(365)
param blobRetentionInDays int = 7

@description('Optional. Days a deleted Key Vault or secret can be recovered. Fixed when the vault is created: the service refuses a change later.')
@minValue(7)
@maxValue(90)
param keyVaultRetentionInDays int = 7

@description('Optional. Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string = 'Standard_LRS'

@description('Optional. Key Vault purge protection. Irreversible: the vault name stays taken for the retention period after a delete.')
param keyVaultPurgeProtection bool = false

@description('Optional. Durable Functions backend: the storage account, or a Durable Task Scheduler created here. The scheduler needs the app built with `-p:DurableBackend=Scheduler`, which deploy.sh passes.')
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string = 'AzureStorage'

@description('Optional. Durable task hub name (letters and digits, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'durabledags${environmentName}'

@description('Optional. NCRONTAB schedule of the timer that starts scheduled DAG runs.')
param schedulerSchedule string = '0 */1 * * * *'

@description('Optional. Names DAGs use as secrets.NAME. Set each value with `az keyvault secret set --vault-name VAULT --name NAME-WITH-HYPHENS`.')
param dagSecretNames string[] = []

@description('Optional. Require Entra ID sign-in (Easy Auth): the API answers 401 without a token, a browser opening the web UI is sent to sign in, and the app requires the signed-in principal (DurableDags__Auth__RequirePrincipal).')
param enableEasyAuth bool = false

@description('Optional. Application (client) ID of the Entra ID app registration with the roles Dags.Read, Dags.Trigger and Dags.Admin. Required when enableEasyAuth.')
param authClientId string = ''

@description('Optional. Principal ID of the deployer, given the same data access as the app (storage, telemetry, Key Vault secrets, scheduler). Empty: none.')
param principalId string = ''

@description('Optional. Kind of principal principalId is.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('A role for the app identity on a service its DAGs call with auth: { type: entra }.')
type targetRoleAssignment = {
  @description('ARM ID of the target: a resource group, an Azure ML workspace, a Data Factory or a Container Apps job.')
  scope: string

  @description('GUID of the role definition, e.g. f6c7c914-8db3-469d-8ca1-694a8f32e121 (AzureML Data Scientist), 673868aa-7521-48a0-acc6-0f60742d39f5 (Data Factory Contributor), b9a307c4-5aa3-4b52-ba60-2b17c136cd7b (Container Apps Jobs Operator).')
  roleDefinitionId: string
}

@description('Optional. Roles the app identity gets on the services its DAGs call (docs/deploy.md). Empty: none, so the identity can reach nothing beyond its own storage, telemetry and Key Vault.')
param targetRoleAssignments targetRoleAssignment[] = []

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var baseName = '${namePrefix}-${environmentName}'
var allTags = union(tags, {
  application: 'durabledags'
  environment: environmentName
})
var storeContainerName = 'durabledags'
var deploymentContainerName = 'app-package'
var useScheduler = durableBackend == 'DurableTaskScheduler'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}-${token}'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${token}'
    applicationInsightsName: 'appi-${baseName}-${token}'
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    // Written so the compiler sees at least 'st' and the 13-character token (no BCP334); the
    // name is the same as that of earlier versions, which lowered and de-hyphenated the token too.
    name: take('st${toLower(replace('${namePrefix}${environmentName}', '-', ''))}${token}', 24)
    location: location
    tags: allTags
    containerNames: [
      deploymentContainerName
      storeContainerName
    ]
    skuName: storageSku
    deleteRetentionDays: blobRetentionInDays
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: take('kv-${baseName}-${token}', 24)
    location: location
    tags: allTags
    softDeleteRetentionInDays: keyVaultRetentionInDays
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

// /subscriptions/{s}/resourceGroups/{rg} splits into 5 parts; a resource in it into 9, its type at 6 and 7.
module targetRoles 'modules/target-roles.bicep' = [
  for (assignment, i) in targetRoleAssignments: {
    name: 'target-role-${i}'
    scope: resourceGroup(split(assignment.scope, '/')[2], split(assignment.scope, '/')[4])
    params: {
      principalId: identity.outputs.principalId
      scope: assignment.scope
      // any(): the kind is known only at deployment, where the module's allowed list checks it.
      targetType: any(length(split(assignment.scope, '/')) == 5
        ? 'resourceGroup'
        : '${split(assignment.scope, '/')[6]}/${split(assignment.scope, '/')[7]}')
      roleDefinitionId: assignment.roleDefinitionId
    }
  }
]

module scheduler 'modules/scheduler.bicep' = if (useScheduler) {
  name: 'scheduler'
  params: {
    name: 'dts-${baseName}-${token}'
    location: location
    tags: allTags
    taskHubName: taskHubName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    planName: 'plan-${baseName}-${token}'
    name: 'func-${baseName}-${token}'
    location: location
    tags: allTags
    runtimeVersion: runtimeVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    storeContainerName: storeContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultUri: keyVault.outputs.vaultUri
    dagSecretNames: dagSecretNames
    taskHubName: taskHubName
    schedulerSchedule: schedulerSchedule
    durableBackend: durableBackend
    durableTaskSchedulerEndpoint: useScheduler ? scheduler!.outputs.endpoint : ''
    enableEasyAuth: enableEasyAuth
    authClientId: authClientId
  }
  // The identity must hold its storage and Key Vault roles before the app first starts, or the
  // host cannot reach its storage and Key Vault references stay unresolved until they refresh.
  dependsOn: [
    roles
  ]
}

@description('The name of the Function app.')
output functionAppName string = functionApp.outputs.name

@description('The base URL of the DurableDags HTTP API.')
output apiBaseUrl string = 'https://${functionApp.outputs.defaultHostName}/api'

@description('The name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('DurableDags__Storage__AccountUrl: the blob endpoint of the store.')
output storeAccountUrl string = storage.outputs.blobEndpoint

@description('DurableDags__Storage__Container: the blob container of the store.')
output storeContainerName string = storeContainerName

@description('The name of the Key Vault that holds DAG secrets.')
output keyVaultName string = keyVault.outputs.name

@description('The client ID of the app identity (DurableDags__Storage__ClientId).')
output identityClientId string = identity.outputs.clientId

@description('The name of the Application Insights component.')
output applicationInsightsName string = monitoring.outputs.applicationInsightsName

@description('The Durable Functions backend in use.')
output durableBackend string = durableBackend

@description('The Durable task hub name.')
output taskHubName string = taskHubName

@description('The Durable Task Scheduler endpoint, or empty on the AzureStorage backend.')
output durableTaskSchedulerEndpoint string = useScheduler ? scheduler!.outputs.endpoint : ''

@description('Whether Easy Auth guards the API.')
output easyAuthEnabled bool = enableEasyAuth
