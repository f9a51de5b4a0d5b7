/**
 * VM Run Command. Managed form `virtualMachines/{vm}/runCommands/{name}`: PUT as LRO, GET with `$expand=instanceView`
 * (executionState, exitCode, output, error, times); `protectedParameters` are accepted, kept apart and never echoed.
 * Action form `POST virtualMachines/{vm}/runCommand`: 202 + Location, result `value[]` of StdOut/StdErr statuses.
 *
 * Concurrency, as Microsoft's documentation has it: the action form runs one script at a time on a VM ("One script at a
 * time may run", virtual-machines/windows/run-command.md, Restrictions), so a second action while one runs is refused
 * with ARM's 409 Conflict; managed run commands run in parallel ("Parallel execution of multiple scripts", "executed
 * simultaneously on the VM", virtual-machines/windows/run-command-managed.md), so nothing refuses a second one.
 */
import { ArmError } from '../errors';
import type { OperationStart } from '../operations';
import { addressedResource, itemTemplate, startDelete } from '../providerCrud';
import { liveProperties, propertiesOf, render, requireBody, setProvisioningState, tagsOf } from '../resourceHelpers';
import { idKey } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { lroDurationFor } from '../settings';
import type { ProtectedParameters } from '../state';
import { isJsonObject, type ArmRequestContext, type ArmResource, type JsonObject } from '../types';
import { simulateScript } from '../../simulation/processServerRegistration';
import type { ScriptOutcome } from '../../simulation/scriptOutcome';
import { powerStateOf } from './powerState';
import { virtualMachineKind } from './virtualMachines';

const runCommandType = 'Microsoft.Compute/virtualMachines/runCommands';

function namedValues(value: unknown): { name: string; value: string }[] {
  return Array.isArray(value)
    ? value.filter(isJsonObject).map((entry) => ({ name: typeof entry['name'] === 'string' ? entry['name'] : '', value: typeof entry['value'] === 'string' ? entry['value'] : JSON.stringify(entry['value'] ?? '') }))
    : [];
}

/**
 * The addressed VM, which must be running: a stopped or deallocated VM (or one still being created or deleted) refuses
 * both forms with 409 OperationNotAllowed. The action's message is the one Azure answered a `runCommand` POST on a
 * deallocated VM with (nakamacchi/AzureCAF.LandingZones.Demo#4: `Conflict({"error":{"code":"OperationNotAllowed",
 * "message":"The operation requires the VM to be running (or set to run)."}})`; the same text as CRP's answer to other
 * operations on a deallocated VM, MicrosoftDocs/azure-docs#32404). A managed run command is a VM extension's setting
 * (the RunCommand extension handler runs the scripts "sent by PUT RunCommand resource", Azure/run-command-handler-linux;
 * on Windows Microsoft.CPlat.Core.RunCommandHandlerWindows), so its PUT and DELETE get the answer to an extension change
 * on a stopped VM: 409 OperationNotAllowed "Cannot modify extensions in the VM when the VM is not running."
 * (hashicorp/terraform-provider-azurerm#477 and #6098, azsk/AzTS-docs#415) - inferred, no recording of a managed run
 * command on a stopped VM was found.
 */
function runningVm(services: ArmServices, context: ArmRequestContext, form: 'action' | 'managed'): ArmResource {
  const vm = addressedResource(services, virtualMachineKind, context, 'vmName');
  if (propertiesOf(vm)['provisioningState'] !== 'Succeeded' || powerStateOf(vm) !== 'running') {
    throw new ArmError(
      409,
      'OperationNotAllowed',
      form === 'action' ? 'The operation requires the VM to be running (or set to run).' : 'Cannot modify extensions in the VM when the VM is not running.',
    );
  }
  return vm;
}

/** A run command as ARM renders it: no protected parameters ever, instanceView only with `$expand=instanceView`. */
function renderRunCommand(runCommand: ArmResource, context: ArmRequestContext): ArmResource {
  const copy = render(runCommand);
  const properties = liveProperties(copy);
  delete properties['protectedParameters'];
  delete properties['runAsPassword'];
  if (context.url.searchParams.get('$expand')?.toLowerCase() !== 'instanceview') {
    delete properties['instanceView'];
  }
  return copy;
}

function scriptOf(source: unknown): string {
  if (!isJsonObject(source)) {
    return '';
  }
  return typeof source['script'] === 'string' ? source['script'] : '';
}

function mergedParameters(parameters: readonly { name: string; value: string }[], protectedParameters: ProtectedParameters): Map<string, string> {
  return new Map([...parameters, ...protectedParameters].map((entry) => [entry.name, entry.value]));
}

function runManagedCommand(services: ArmServices, context: ArmRequestContext): ReturnType<ArmRoute['handler']> {
  const { state, operations, settings } = services;
  const vm = runningVm(services, context, 'managed');
  const body = requireBody(context.body);
  const requested = propertiesOf(body);
  const id = `${vm.id}/runCommands/${context.params['runCommandName']}`;
  const existed = state.get(id) !== undefined;
  const parameters = namedValues(requested['parameters']);
  const protectedParameters = namedValues(requested['protectedParameters']);
  state.protectedParameters.set(idKey(id), protectedParameters);
  const timeoutInSeconds = typeof requested['timeoutInSeconds'] === 'number' ? requested['timeoutInSeconds'] : 0;
  const stored: ArmResource = {
    id,
    name: context.params['runCommandName'],
    type: runCommandType,
    location: vm.location ?? 'global',
    ...(tagsOf(body) === undefined ? {} : { tags: tagsOf(body) }),
    properties: {
      source: isJsonObject(requested['source']) ? requested['source'] : {},
      parameters,
      asyncExecution: requested['asyncExecution'] === true,
      timeoutInSeconds,
      treatFailureAsDeploymentFailure: requested['treatFailureAsDeploymentFailure'] === true,
      ...(typeof requested['runAsUser'] === 'string' ? { runAsUser: requested['runAsUser'] } : {}),
      ...(typeof requested['outputBlobUri'] === 'string' ? { outputBlobUri: requested['outputBlobUri'] } : {}),
      ...(typeof requested['errorBlobUri'] === 'string' ? { errorBlobUri: requested['errorBlobUri'] } : {}),
      provisioningState: existed ? 'Updating' : 'Creating',
      instanceView: { executionState: 'Running', executionMessage: '', exitCode: 0, output: '', error: '', startTime: new Date().toISOString(), statuses: [] },
    },
  };
  state.put(stored);
  const script = scriptOf(requested['source']);
  const executionMs = lroDurationFor(settings, runCommandType);
  const finishExecution = (): ScriptOutcome => {
    const outcome = simulateScript(services, vm, script, mergedParameters(parameters, state.protectedParameters.get(idKey(id)) ?? []));
    const view = {
      executionState: outcome.exitCode === 0 ? 'Succeeded' : 'Failed',
      executionMessage: outcome.exitCode === 0 ? '' : `Execution failed with exit code ${outcome.exitCode}.`,
      exitCode: outcome.exitCode,
      output: outcome.output,
      error: outcome.error,
      startTime: (propertiesOf(stored)['instanceView'] as JsonObject)['startTime'],
      endTime: new Date().toISOString(),
      statuses: [],
    };
    liveProperties(stored)['instanceView'] = view;
    if (outcome.exitCode === 0 && outcome.followUp !== undefined) {
      services.schedule(outcome.followUp.delayMs, outcome.followUp.action, outcome.followUp);
    }
    return outcome;
  };
  const start: OperationStart = {
    context,
    namespace: 'Microsoft.Compute',
    location: stored.location ?? 'global',
    durationMs: stored.properties?.['asyncExecution'] === true ? 0 : executionMs,
    complete: () => {
      if (stored.properties?.['asyncExecution'] === true) {
        services.schedule(executionMs, finishExecution);
      } else {
        const outcome = finishExecution();
        if (outcome.exitCode !== 0 && stored.properties?.['treatFailureAsDeploymentFailure'] === true) {
          throw new ArmError(400, 'VMExtensionProvisioningError', `VM has reported a failure when processing extension 'RunCommand'. Error message: "Execution failed with exit code ${outcome.exitCode}."`);
        }
      }
      setProvisioningState(stored, 'Succeeded');
      return undefined;
    },
    onFailure: () => {
      setProvisioningState(stored, 'Failed');
    },
  };
  const record = operations.start(start);
  return { status: existed ? 200 : 201, body: renderRunCommand(stored, context), headers: operations.asyncOperationHeaders(record, start) };
}

function runCommandAction(services: ArmServices, context: ArmRequestContext): ReturnType<ArmRoute['handler']> {
  const { operations, settings, state } = services;
  const vm = runningVm(services, context, 'action');
  const vmKey = idKey(vm.id);
  if (state.runCommandActionsInProgress.has(vmKey)) {
    // ARM's answer, as Azure CLI logs it (Azure/azure-cli#32305): 409 {"error":{"code":"Conflict","message":…}}.
    throw new ArmError(409, 'Conflict', 'Run command extension execution is in progress. Please wait for completion before invoking a run command.');
  }
  const body = requireBody(context.body);
  const commandId = typeof body['commandId'] === 'string' ? body['commandId'] : '';
  if (!['RunPowerShellScript', 'RunShellScript', 'IPConfig', 'EnableRemotePS', 'RDPSettings'].includes(commandId)) {
    throw new ArmError(400, 'InvalidParameter', `The value '${commandId}' of parameter 'commandId' is not valid.`, 'commandId');
  }
  const script = Array.isArray(body['script']) ? body['script'].map(String).join('\n') : '';
  const parameters = namedValues(body['parameters']);
  const start: OperationStart = {
    context,
    namespace: 'Microsoft.Compute',
    location: vm.location ?? 'global',
    durationMs: lroDurationFor(settings, 'microsoft.compute/virtualmachines/runcommand'),
    complete: () => {
      state.runCommandActionsInProgress.delete(vmKey);
      const outcome = simulateScript(services, vm, script, mergedParameters(parameters, []));
      if (outcome.exitCode === 0 && outcome.followUp !== undefined) {
        services.schedule(outcome.followUp.delayMs, outcome.followUp.action, outcome.followUp);
      }
      const tail = (text: string): string => Buffer.from(text).subarray(-4096).toString('utf8');
      return {
        value: [
          { code: 'ComponentStatus/StdOut/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: tail(outcome.output) },
          { code: 'ComponentStatus/StdErr/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: tail(outcome.error) },
        ],
      };
    },
    onFailure: () => {
      state.runCommandActionsInProgress.delete(vmKey);
    },
  };
  state.runCommandActionsInProgress.add(vmKey);
  const record = operations.start(start);
  return { status: 202, headers: operations.locationHeaders(record, start) };
}

/** Routes for managed run commands and the runCommand action. */
export function runCommandRoutes(services: ArmServices): ArmRoute[] {
  const vmTemplate = itemTemplate(virtualMachineKind, 'vmName');
  const template = `${vmTemplate}/runCommands/{runCommandName}`;
  const find = (context: ArmRequestContext): ArmResource => {
    const vm = addressedResource(services, virtualMachineKind, context, 'vmName');
    const runCommand = services.state.get(`${vm.id}/runCommands/${context.params['runCommandName']}`);
    if (runCommand === undefined) {
      throw new ArmError(404, 'NotFound', `The entity was not found in this Azure location.`);
    }
    return runCommand;
  };
  return [
    { method: 'PUT', template, apiVersions: 'compute', handler: (context) => runManagedCommand(services, context) },
    { method: 'GET', template, apiVersions: 'compute', handler: (context) => ({ status: 200, body: renderRunCommand(find(context), context) }) },
    {
      method: 'GET',
      template: `${vmTemplate}/runCommands`,
      apiVersions: 'compute',
      handler: (context) => {
        const vm = addressedResource(services, virtualMachineKind, context, 'vmName');
        const items = services.state
          .filter((resource) => resource.type === runCommandType && idKey(resource.id).startsWith(`${idKey(vm.id)}/`))
          .map((resource) => renderRunCommand(resource, context));
        return { status: 200, body: { value: items } };
      },
    },
    {
      method: 'DELETE',
      template,
      apiVersions: 'compute',
      handler: (context) => {
        const vm = runningVm(services, context, 'managed');
        const runCommand = services.state.get(`${vm.id}/runCommands/${context.params['runCommandName']}`);
        return runCommand === undefined ? { status: 204 } : startDelete(services, context, runCommand, 'Microsoft.Compute');
      },
    },
    { method: 'POST', template: `${vmTemplate}/runCommand`, apiVersions: 'compute', handler: (context) => runCommandAction(services, context) },
  ];
}
