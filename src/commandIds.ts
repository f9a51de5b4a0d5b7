/** Every command this extension contributes; the same ids stand in package.json. */
export const CommandIds = {
  showLogs: 'asrFailback.showLogs',
  signIn: 'asrFailback.signIn',
  selectSubscriptions: 'asrFailback.selectSubscriptions',
  refresh: 'asrFailback.refresh',
  retry: 'asrFailback.retry',
  openInPortal: 'asrFailback.openInPortal',
  copyIpAddress: 'asrFailback.copyIpAddress',
  addProcessServer: 'asrFailback.addProcessServer',
  openProcessServerPlan: 'asrFailback.openProcessServerPlan',
  resumeDeployment: 'asrFailback.resumeDeployment',
  diagnoseProcessServer: 'asrFailback.diagnoseProcessServer',
  reregisterProcessServer: 'asrFailback.reregisterProcessServer',
  removeProcessServer: 'asrFailback.removeProcessServer',
} as const;

/** The id of one of this extension's commands. */
export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
