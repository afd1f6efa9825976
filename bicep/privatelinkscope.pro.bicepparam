using './privatelinkscope.bicep'

param scopeName = 'ampls-mlp-shared-pro'
param ingestionAccessMode = 'PrivateOnly'
param queryAccessMode = 'PrivateOnly'
param scopedResources = [
  {
    name: 'log-mlp-shared-pro-connection'
    id: '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-shared-pro/providers/Microsoft.OperationalInsights/workspaces/log-mlp-shared-pro'
  }
  {
    name: 'appi-mlp-shared-pro-connection'
    id: '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-shared-pro/providers/Microsoft.Insights/components/appi-mlp-shared-pro'
  }
]
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
