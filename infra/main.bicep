// Assurance Bot on Azure: one resource group holding
//   - a user-assigned managed identity (the bot's identity in Teams and its identity for Cosmos DB: no secrets),
//   - an Azure Bot (msaAppType UserAssignedMSI) with the Microsoft Teams channel,
//   - App Service on Linux (Node 22 LTS, always on, health check on /readyz) running the bot,
//   - Cosmos DB for NoSQL, serverless, keys turned off, with its database, container and a data-plane role for the identity,
//   - Log Analytics + Application Insights (console logs and HTTP logs of the app, plus an optional health alert).
// Deploy: az deployment group create --resource-group <rg> --template-file infra/main.bicep --parameters adminAadObjectIds=<ids>
// (README, "Deploying to Azure"). Not deployed from the build machines, which have no Azure account.

targetScope = 'resourceGroup'

@description('Azure region for everything except the bot registration (which is global). UK South keeps the data in the UK.')
param location string = 'uksouth'

@description('Prefix for resource names; a suffix unique to the resource group makes the global names unique.')
@minLength(3)
@maxLength(20)
param namePrefix string = 'assurance-bot'

@description('Names of the resources; the defaults derive from namePrefix.')
param identityName string = '${namePrefix}-id'
param appServicePlanName string = '${namePrefix}-plan'
@maxLength(60)
param webAppName string = '${namePrefix}-${uniqueString(resourceGroup().id)}'
@maxLength(44)
param cosmosAccountName string = toLower('${namePrefix}-${uniqueString(resourceGroup().id)}')
param botName string = '${namePrefix}-${uniqueString(resourceGroup().id)}'
param logAnalyticsName string = '${namePrefix}-logs'
param appInsightsName string = '${namePrefix}-insights'

@description('The name people see for the bot in Teams.')
param botDisplayName string = 'Assurance Bot'

@description('App Service plan size: B1 or above (always on and health checks need Basic or higher).')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
param appServicePlanSku string = 'B1'

@description('Azure Bot pricing tier: F0 (free) covers the Teams channel.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Cosmos DB database name (COSMOS_DATABASE). The container is always "items".')
param databaseName string = 'assurance-bot'

@description('The partnership this instance serves (PARTNERSHIP_ID, PARTNERSHIP_NAME).')
param partnershipId string = 'lancashire'
param partnershipName string = 'Lancashire Safeguarding Children Partnership'

@description('Comma-separated Entra ID object ids of the first administrators (ADMIN_AAD_OBJECT_IDS).')
param adminAadObjectIds string

@description('Tenants allowed to talk to the bot (ALLOWED_TENANT_IDS); default: this subscription\'s tenant only.')
param allowedTenantIds string = tenant().tenantId

@description('Optional: secret for POST /api/jobs/tick, for an external timer (JOBS_SECRET, 16+ characters). Empty: the endpoint stays off and the in-process scheduler runs the ticks.')
@secure()
param jobsSecret string = ''

@description('Optional: object ids of people (e.g. the business unit\'s operator) who may read and write the data with their own Entra ID sign-in, for `npm run cli -- export all` and `import all`.')
param dataOperatorPrincipalIds array = []

@description('Optional: an e-mail address that hears when the health check fails.')
param alertEmail string = ''

// ---------- identity ----------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

// ---------- monitoring ----------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: logAnalyticsName
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// ---------- Cosmos DB (NoSQL API, serverless, Entra ID only) ----------

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosAccountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    capabilities: [
      { name: 'EnableServerless' }
    ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    // Keys off: only Entra ID identities with a data-plane role reach the data. The template creates the database and
    // container, because a data-plane role cannot.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

// One container for every partnership's records (src/adapters/cosmos/cosmos-store.ts): items are
// { id: '<kind>|<id>', partnershipId, kind, body: {...} }. Queries filter on partnershipId, kind and top-level body
// fields and order by id, so those are indexed; the large nested blobs nothing filters on are not.
resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'items'
  properties: {
    resource: {
      id: 'items'
      partitionKey: { paths: ['/partnershipId'], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/*' }
        ]
        excludedPaths: [
          { path: '/"_etag"/?' }
          { path: '/body/payload/*' } // outbox: the rendered card
          { path: '/body/reference/*' } // conversation: the Teams conversation reference
          { path: '/body/before/*' } // audit: the record before the change
          { path: '/body/after/*' } // audit: the record after the change
        ]
      }
    }
  }
}

// Cosmos DB Built-in Data Contributor (read and write items; no control-plane rights), on this database only.
var dataContributorRoleId = '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'

resource identityDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, dataContributorRoleId)
  properties: {
    roleDefinitionId: dataContributorRoleId
    principalId: identity.properties.principalId
    scope: '${cosmos.id}/dbs/${databaseName}'
  }
  dependsOn: [database]
}

resource operatorDataRoles 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = [
  for principalId in dataOperatorPrincipalIds: {
    parent: cosmos
    name: guid(cosmos.id, principalId, dataContributorRoleId)
    properties: {
      roleDefinitionId: dataContributorRoleId
      principalId: principalId
      scope: '${cosmos.id}/dbs/${databaseName}'
    }
    dependsOn: [database]
  }
]

// ---------- App Service (Linux, Node 22 LTS) ----------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: appServicePlanName
  location: location
  kind: 'linux'
  sku: { name: appServicePlanSku }
  properties: {
    reserved: true // Linux
  }
}

var appSettings = concat(
  [
    // The bot signs in to Teams as the managed identity (no password).
    { name: 'BOT_ID', value: identity.properties.clientId }
    { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
    { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
    // Cosmos DB with the same identity: COSMOS_KEY stays unset.
    { name: 'STORE', value: 'cosmos' }
    { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
    { name: 'COSMOS_DATABASE', value: databaseName }
    { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
    { name: 'PARTNERSHIP_ID', value: partnershipId }
    { name: 'PARTNERSHIP_NAME', value: partnershipName }
    { name: 'ADMIN_AAD_OBJECT_IDS', value: adminAadObjectIds }
    { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
    { name: 'LOG_LEVEL', value: 'info' }
    // Zip deploy of the sources: App Service runs npm install and npm run build on its own Node 22.
    { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
    { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
  ],
  empty(jobsSecret) ? [] : [{ name: 'JOBS_SECRET', value: jobsSecret }]
)

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      alwaysOn: true // the in-process reminder scheduler needs the process to stay up
      healthCheckPath: '/readyz'
      appCommandLine: 'node dist/src/index.js' // node itself gets SIGTERM and finishes the sends in flight
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: appSettings
    }
  }
}

// The app's console (pino JSON lines) and HTTP logs into Log Analytics: the queries in the README's operations section.
resource siteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

// ---------- Azure Bot with the Teams channel ----------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------- alert (optional) ----------

resource opsGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-ops'
  location: 'global'
  properties: {
    groupShortName: 'assurance'
    enabled: true
    emailReceivers: [
      { name: 'operations', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

// /readyz failing for 15 minutes: the store or the scheduler is down (README, "Operations").
resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-not-ready'
  location: 'global'
  properties: {
    description: 'GET /readyz has failed: the store is unreachable or the reminder scheduler has stopped.'
    severity: 1
    enabled: true
    scopes: [site.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'health-check'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'HealthCheckStatus'
          operator: 'LessThan'
          threshold: 100
          timeAggregation: 'Average'
        }
      ]
    }
    actions: [
      { actionGroupId: opsGroup.id }
    ]
  }
}

output webAppName string = site.name
output appUrl string = 'https://${site.properties.defaultHostName}'
output messagingEndpoint string = bot.properties.endpoint
@description('The bot\'s Microsoft App ID for the Teams app package (BOT_ID for npm run package).')
output botAppId string = identity.properties.clientId
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output cosmosAccountName string = cosmos.name
