using './sasdatastore.bicep'

param workspaceName = 'mlw-mlp-nlp-pro'
param datastoreName = 'partner_exports'
param datastoreDescription = 'A partner\'s read-only exports (SAS token kept in the platform\'s Key Vault)'
param accountName = 'stpartnerexports'
param containerName = 'exports'
param endpoint = 'core.windows.net'
param sasToken = getSecret('00000000-0000-0000-0000-000000000002', 'rg-mlp-shared-pro', 'kv-mlp-shared-pro', 'partner-exports-sas')
