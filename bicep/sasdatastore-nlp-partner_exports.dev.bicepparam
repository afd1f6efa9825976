using './sasdatastore.bicep'

param workspaceName = 'mlw-mlp-nlp-dev'
param datastoreName = 'partner_exports'
param datastoreDescription = 'A partner\'s read-only exports (SAS token kept in the platform\'s Key Vault)'
param accountName = 'stpartnerexports'
param containerName = 'exports'
param endpoint = 'core.windows.net'
param sasToken = getSecret('00000000-0000-0000-0000-000000000001', 'rg-mlp-shared-dev', 'kv-mlp-shared-dev', 'partner-exports-sas')
