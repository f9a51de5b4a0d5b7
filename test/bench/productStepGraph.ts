/**
 * The product's own step graph for a plan (src/deployment/deploymentSteps.ts `stepsForPlan`): which step waits for
 * which. Loaded from the tsc output in plain Node, with `vscode` stubbed (the steps only localise their labels) and
 * the bundled .ps1 scripts left empty (esbuild inlines them; plain Node cannot load them, registrationScripts.ts).
 */
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import type { DeploymentPlan } from '../../src/deployment/deploymentPlan';
import type * as DeploymentSteps from '../../src/deployment/deploymentSteps';
import { PROJECT_ROOT } from '../vscode/testTools';

const VSCODE_STUB = { l10n: { t: (message: string) => message } };

/** Each step of `plan`, as the executor runs it: its id and the ids it depends on. */
export function productStepGraph(plan: DeploymentPlan): { id: string; dependsOn: readonly string[] }[] {
  const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleWithLoad._load;
  moduleWithLoad._load = (request: string, ...rest: unknown[]) => {
    if (request === 'vscode') {
      return VSCODE_STUB;
    }
    return request.endsWith('.ps1') ? { default: '' } : originalLoad(request, ...rest);
  };
  try {
    const steps = createRequire(__filename)(path.join(PROJECT_ROOT, 'out', 'src', 'deployment', 'deploymentSteps.js')) as typeof DeploymentSteps;
    return steps.stepsForPlan(plan).map((step) => ({ id: step.id, dependsOn: [...step.dependsOn] }));
  } finally {
    moduleWithLoad._load = originalLoad;
  }
}
