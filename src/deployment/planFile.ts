import * as vscode from 'vscode';
import { DEPLOYMENT_PLAN_VERSION, type DeploymentPlan } from './deploymentPlan';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields a plan must have, as paths, each with the type it must be. */
const REQUIRED_FIELDS: readonly [string, 'string' | 'number' | 'object'][] = [
  ['deploymentId', 'string'],
  ['subscriptionId', 'string'],
  ['tenantId', 'string'],
  ['location', 'string'],
  ['configurationServer.fabricId', 'string'],
  ['configurationServer.vaultId', 'string'],
  ['configurationServer.address', 'string'],
  ['configurationServer.port', 'number'],
  ['processServer.name', 'string'],
  ['processServer.adminUsername', 'string'],
  ['processServer.staticIpAddress', 'string'],
  ['processServer.dataTransferPort', 'number'],
  ['processServer.vmSize', 'string'],
  ['processServer.image', 'object'],
  ['processServer.installerSource', 'object'],
  ['processServer.virtualNetworkId', 'string'],
  ['processServer.subnetId', 'string'],
  ['processServer.storageAccountId', 'string'],
];

function fieldAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), value);
}

/** A saved plan read back; a file that is not one says what is wrong with it. */
export function parseDeploymentPlan(text: string, file: string): DeploymentPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(vscode.l10n.t('{0} is not a deployment plan: it is not JSON ({1}).', file, error instanceof Error ? error.message : String(error)), { cause: error });
  }
  if (!isObject(parsed) || parsed['version'] !== DEPLOYMENT_PLAN_VERSION) {
    throw new Error(
      vscode.l10n.t('{0} is not a deployment plan of version {1}: save the plan again with "Add Process Server in Azure…".', file, DEPLOYMENT_PLAN_VERSION),
    );
  }
  const missing = REQUIRED_FIELDS.filter(([path, type]) => typeof fieldAt(parsed, path) !== type).map(([path]) => path);
  if (missing.length > 0 || !Array.isArray(parsed['resources'])) {
    throw new Error(vscode.l10n.t('The deployment plan {0} lacks {1}: save the plan again with "Add Process Server in Azure…".', file, [...missing, ...(Array.isArray(parsed['resources']) ? [] : ['resources'])].join(', ')));
  }
  return parsed as unknown as DeploymentPlan;
}
