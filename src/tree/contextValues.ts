/**
 * Context values of the tree's nodes, which package.json's menus match with `viewItem`. Process servers start with
 * `asrFailback.processServer.` so that a menu can take all of them, or only the ones this extension deployed.
 */
export const ContextValues = {
  subscription: 'asrFailback.subscription',
  vault: 'asrFailback.vault',
  configurationServer: 'asrFailback.configurationServer',
  replicationAppliance: 'asrFailback.replicationAppliance',
  otherFabric: 'asrFailback.otherFabric',
  /** A process server this extension deployed in Azure and the configuration server reports. */
  deployedProcessServer: 'asrFailback.processServer.deployed',
  /** A VM this extension deployed that no configuration server reports (yet): deploying, or not registered. */
  unregisteredProcessServer: 'asrFailback.processServer.deployed.unregistered',
  /** Any other process server (on-premises, scale-out, or deployed by hand). */
  otherProcessServer: 'asrFailback.processServer.other',
  /** A process server of a modernized replication appliance. */
  applianceProcessServer: 'asrFailback.processServer.appliance',
  loadError: 'asrFailback.loadError',
  empty: 'asrFailback.empty',
} as const;
