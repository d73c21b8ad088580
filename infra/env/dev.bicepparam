// Development: small scale limits, short retention, no sign-in in front of the API (function keys only).
using '../main.bicep'

param environmentName = 'dev'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param logRetentionInDays = 30
param blobRetentionInDays = 7
// Fixed once the vault exists.
param keyVaultRetentionInDays = 7
param storageSku = 'Standard_LRS'
param keyVaultPurgeProtection = false
param durableBackend = 'AzureStorage'

// Names DAGs refer to as secrets.NAME; add yours here, then set their values in Key Vault.
param dagSecretNames = []

param enableEasyAuth = false

// Set by deploy.sh from the signed-in account, so the deployer can run locally against the cloud store.
param principalId = readEnvironmentVariable('DURABLEDAGS_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('DURABLEDAGS_PRINCIPAL_TYPE', 'User')
