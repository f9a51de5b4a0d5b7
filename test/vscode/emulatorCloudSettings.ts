/**
 * The user settings that point VS Code and the extension at the local Azure emulator as a custom cloud: the same
 * settings a user of Azure Stack or another custom cloud writes (all six customEnvironment fields must be present, or
 * VS Code does not register the `microsoft-sovereign-cloud` provider).
 */
export function emulatorCloudSettings(armEndpoint: string): Record<string, unknown> {
  const endpoint = `${armEndpoint.replace(/\/+$/, '')}/`;
  return {
    'microsoft-sovereign-cloud.environment': 'custom',
    'microsoft-sovereign-cloud.customEnvironment': {
      name: 'AzureEmulator',
      portalUrl: endpoint,
      managementEndpointUrl: endpoint,
      resourceManagerEndpointUrl: endpoint,
      activeDirectoryEndpointUrl: endpoint,
      activeDirectoryResourceId: endpoint,
    },
  };
}
