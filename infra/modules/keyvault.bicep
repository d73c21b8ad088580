metadata description = 'The Key Vault that holds the secrets DAGs use (secrets.NAME). Access is by Azure RBAC only; secret values never pass through a template.'

@description('Required. Name of the vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Azure region.')
param location string

@description('Required. Tags for the vault.')
param tags object

@description('Required. Days a deleted vault or secret can be recovered. Fixed once the vault exists.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Required. When true, a deleted vault cannot be purged before its retention ends. Cannot be turned off again.')
param enablePurgeProtection bool

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
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
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects an explicit false, so "off" is expressed by leaving the property out.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

@description('The name of the vault.')
output name string = vault.name

@description('The vault URI, e.g. https://NAME.vault.azure.net/.')
output vaultUri string = vault.properties.vaultUri
