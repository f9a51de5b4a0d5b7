/** Every command this extension contributes; the same ids stand in package.json. */
export const CommandIds = {
  showLogs: 'asrFailback.showLogs',
} as const;
