// The Container Apps environment and the app: one container running the ASP.NET Core host with its co-hosted
// Orleans silo. It is always on (timers must fire with nobody browsing), so the replica count is fixed rather than
// scaled by traffic, and never zero.

@description('Azure region.')
param location string

@description('Container Apps environment name.')
param environmentName string

@description('Container app name (lowercase letters, digits and hyphens; at most 32).')
@maxLength(32)
param appName string

@description('Existing Log Analytics workspace (this resource group) that receives console and system logs.')
param workspaceName string

@description('Existing Application Insights component (this resource group) for the OpenTelemetry exporter.')
param appInsightsName string

@description('Resource id of the user-assigned identity that pulls the image and resolves Key Vault references.')
param platformIdentityId string

@description('Login server of the registry holding the image (pulled with the platform identity); empty for a public image.')
param registryServer string

@description('Container image, e.g. myregistry.azurecr.io/safeguarding-workflows:2025.06.1.')
param containerImage string

@description('vCPUs per replica; with memory one of the Consumption plan pairs (0.5/1, 1/2, 2/4).')
param cpu string

@description('Memory per replica in GiB, twice the vCPUs.')
param memory string

@description('Fixed number of replicas, one Orleans cluster through table storage.')
@minValue(1)
@maxValue(10)
param replicas int

@description('Plain environment variables (name to value).')
param settings { *: string }

@description('Environment variables whose values Container Apps reads from Key Vault.')
param keyVaultSettings keyVaultSetting[]

@description('Public URL used in email links; empty means the app\'s own https address.')
param publicBaseUrl string

@description('Tags applied to every resource.')
param tags { *: string }

@description('An environment variable backed by a Key Vault secret.')
type keyVaultSetting = {
  @description('Environment variable name, e.g. Email__SendGrid__ApiKey.')
  name: string

  @description('Container app secret name (the Key Vault secret\'s name).')
  secretName: string

  @description('Versionless Key Vault secret URL, so a new secret version is picked up without a redeployment.')
  keyVaultUrl: string
}

// The official .NET images listen on 8080 as a non-root user.
var port = 8080

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: workspaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

var baseUrl = empty(publicBaseUrl) ? 'https://${appName}.${environment.properties.defaultDomain}' : publicBaseUrl

var plainEnv = [for setting in items(settings): { name: setting.key, value: setting.value }]
var vaultEnv = [for setting in keyVaultSettings: { name: setting.name, secretRef: setting.secretName }]
var vaultSecrets = [
  for setting in keyVaultSettings: {
    name: setting.secretName
    keyVaultUrl: setting.keyVaultUrl
    identity: platformIdentityId
  }
]

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    // System-assigned: the app's own identity (storage data planes, Graph). User-assigned: the platform's (see
    // platform-identity.bicep). DefaultAzureCredential uses the system-assigned one when no client id is given.
    type: 'SystemAssigned,UserAssigned'
    userAssignedIdentities: {
      '${platformIdentityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      maxInactiveRevisions: 5
      ingress: {
        external: true
        targetPort: port
        transport: 'http'
        allowInsecure: false
      }
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: platformIdentityId
            }
          ]
      secrets: concat(
        [
          {
            name: 'appinsights-connection-string'
            value: appInsights.properties.ConnectionString
          }
        ],
        vaultSecrets
      )
    }
    template: {
      // Room for the silo to hand its grains (and wake schedules) over before the replica stops.
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'host'
          image: containerImage
          resources: {
            cpu: json(cpu)
            memory: '${memory}Gi'
          }
          env: concat(
            plainEnv,
            vaultEnv,
            [
              {
                name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
                secretRef: 'appinsights-connection-string'
              }
              {
                name: 'Email__PublicBaseUrl'
                value: baseUrl
              }
              {
                name: 'ASPNETCORE_HTTP_PORTS'
                value: string(port)
              }
            ]
          )
          probes: [
            {
              // Generous: the silo joins its cluster before Kestrel takes traffic.
              type: 'Startup'
              tcpSocket: {
                port: port
              }
              periodSeconds: 10
              failureThreshold: 10
            }
            {
              // Only "is the process serving": a storage outage must not get healthy replicas restarted.
              type: 'Liveness'
              tcpSocket: {
                port: port
              }
              periodSeconds: 30
              failureThreshold: 3
            }
            {
              // /health answers 200 when storage is reachable; until then the replica gets no traffic.
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: port
              }
              periodSeconds: 15
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: replicas
        maxReplicas: replicas
      }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output principalId string = app.identity.principalId
output name string = app.name
