using './sasdatastore.bicep'

param workspaceName = 'mlw-mlp-nlp-int'
param datastoreName = 'partner_exports'
param datastoreDescription = 'A partner\'s read-only exports (SAS token kept in the platform\'s Key Vault)'
param accountName = 'stpartnerexports'
param containerName = 'exports'
param endpoint = 'core.windows.net'
param sasToken = getSecret('00000000-0000-0000-0000-000000000001', 'rg-mlp-shared-int', 'kv-mlp-shared-int', 'partner-exports-sas')
