/**
 * The tags the extension writes on every Azure resource it creates, and by which it recognises them later. Only
 * resources carrying MANAGED_BY_TAG = MANAGED_BY_VALUE are ever changed or deleted by the extension.
 */
export const MANAGED_BY_TAG = 'asr-failback:managed-by';
export const MANAGED_BY_VALUE = 'vscode-asr-failback';
/** One id per "Add Process Server" run, shared by the VM, NIC and disk it created. */
export const DEPLOYMENT_ID_TAG = 'asr-failback:deployment-id';
/** The Resource Manager id of the configuration server (fabric) the process server is for. */
export const CONFIGURATION_SERVER_TAG = 'asr-failback:configuration-server';
/**
 * The process server's identity as the configuration server will report it, written by the deployment itself: the
 * static private IP address it gives the NIC, and the Windows computer name it gives the VM (the VM's Azure name may
 * differ). The tree matches a reported process server to its VM by these, never by the VM's name.
 */
export const PROCESS_SERVER_IP_TAG = 'asr-failback:process-server-ip';
export const COMPUTER_NAME_TAG = 'asr-failback:computer-name';
/** The virtual network the process server serves (its NIC's network): one process server per network is the rule. */
export const VIRTUAL_NETWORK_TAG = 'asr-failback:virtual-network';
