// Production: room to scale, longer retention, zone-redundant storage, purge protection, and
// Entra ID sign-in (Easy Auth) with the app roles Dags.Read, Dags.Trigger and Dags.Admin.
using '../main.bicep'

param environmentName = 'prod'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param logRetentionInDays = 90
param blobRetentionInDays = 30
// Fixed once the vault exists (30 since the first prod deployment).
param keyVaultRetentionInDays = 30
param storageSku = 'Standard_ZRS'
param keyVaultPurgeProtection = true
param durableBackend = 'AzureStorage'

// Names DAGs refer to as secrets.NAME; add yours here, then set their values in Key Vault.
param dagSecretNames = []

param enableEasyAuth = true

// deploy.sh creates or finds the app registration and passes its client ID here.
param authClientId = readEnvironmentVariable('DURABLEDAGS_AUTH_CLIENT_ID', '')

param principalId = readEnvironmentVariable('DURABLEDAGS_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('DURABLEDAGS_PRINCIPAL_TYPE', 'User')
