metadata description = 'Log Analytics and a workspace-based Application Insights that accept Entra ID authenticated telemetry only.'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. Azure region.')
param location string

@description('Required. Tags for both resources.')
param tags object

@description('Required. Days the workspace keeps logs (30 days are included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

// DisableLocalAuth makes the instrumentation key in the connection string useless on its own:
// telemetry must come with an Entra ID token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

@description('The name of the Application Insights component.')
output applicationInsightsName string = appInsights.name

@description('The resource ID of the Log Analytics workspace.')
output logAnalyticsResourceId string = workspace.id
