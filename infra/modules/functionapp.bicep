metadata description = 'The Flex Consumption plan and the Linux Function app that hosts DurableDags, with its app settings, locked-down publishing and optional Easy Auth.'

@description('Required. Name of the Flex Consumption plan.')
param planName string

@description('Required. Name of the Function app (part of its host name).')
param name string

@description('Required. Azure region.')
param location string

@description('Required. Tags for the plan and the app.')
param tags object

@description('Required. dotnet-isolated version, as listed by `az functionapp list-flexconsumption-runtimes`.')
param runtimeVersion string

@description('Required. Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Required. Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Required. Resource ID of the user-assigned identity.')
param identityResourceId string

@description('Required. Client ID of the user-assigned identity.')
param identityClientId string

@description('Required. Name of the storage account.')
param storageAccountName string

@description('Required. Blob container that holds the deployed package.')
param deploymentContainerName string

@description('Required. Blob container of the DurableDags store.')
param storeContainerName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. URI of the Key Vault, ending in a slash.')
param keyVaultUri string

@description('Required. Names DAGs use as secrets.NAME (letters, digits, underscores). Each becomes a Key Vault reference to the secret NAME with underscores turned into hyphens.')
param dagSecretNames string[]

@description('Required. Durable task hub name (host.json reads %TaskHubName%).')
param taskHubName string

@description('Required. NCRONTAB schedule of the DAG scheduler timer.')
param schedulerSchedule string

@description('Required. Durable Functions backend.')
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string

@description('Required when durableBackend is DurableTaskScheduler: the scheduler endpoint. Otherwise empty.')
param durableTaskSchedulerEndpoint string

@description('Required. Turn on App Service authentication (Easy Auth) with Entra ID.')
param enableEasyAuth bool

@description('Required when enableEasyAuth: the application (client) ID of the Entra ID app registration that defines the app roles.')
param authClientId string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var blobEndpoint = storage.properties.primaryEndpoints.blob

var baseSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  DurableDags__Storage__AccountUrl: blobEndpoint
  DurableDags__Storage__Container: storeContainerName
  DurableDags__Storage__ClientId: identityClientId
  DurableDags__DurableBackend: durableBackend
  // With Easy Auth the app refuses a request that reaches it without the signed-in principal:
  // the API's paths are excluded from the platform's sign-in redirect (below), so the app is
  // what answers 401 there.
  DurableDags__Auth__RequirePrincipal: enableEasyAuth ? 'true' : 'false'
  DurableDagsSchedulerSchedule: schedulerSchedule
  TaskHubName: taskHubName
}

// No version in the URI: the platform follows the latest version of each secret.
var secretSettings = toObject(
  dagSecretNames,
  secretName => 'DurableDags__Secrets__${secretName}',
  secretName => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${replace(secretName, '_', '-')})'
)

// The AzureFunctionsJobHost__ settings override host.json's storage provider. The package must be
// built with -p:DurableBackend=Scheduler (deploy.sh does) to contain the azureManaged provider.
var schedulerSettings = durableBackend == 'DurableTaskScheduler'
  ? {
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId};TaskHub=${taskHubName}'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
    }
  : {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, secretSettings, schedulerSettings)
}

// Publishing goes through Entra ID (az functionapp deployment source config-zip uses a token);
// user names and passwords for FTP and the SCM site are turned off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Entra ID sign-in for the app registration. authsettingsV2 has one unauthenticated action for
// the whole site and a list of excluded paths, no per-path rule: a browser without a session is
// sent to sign in (the web UI at /), and the API's paths are excluded from that redirect so an
// API client gets 401 rather than a login page. On those paths the platform still signs in any
// token or session cookie that comes with the request and passes the principal on; the app,
// with DurableDags__Auth__RequirePrincipal, answers 401 when there is none, and checks the roles
// claim (Dags.Read, Dags.Trigger, Dags.Admin). Function keys still apply on top.
resource easyAuth 'Microsoft.Web/sites/config@2024-04-01' = if (enableEasyAuth) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/api'
        '/api/*'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('The name of the Function app.')
output name string = site.name

@description('The default host name of the Function app.')
output defaultHostName string = site.properties.defaultHostName
