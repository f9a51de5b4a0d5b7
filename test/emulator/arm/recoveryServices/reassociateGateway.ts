/**
 * `POST …/vaults/{v}/replicationFabrics/{f}/reassociateGateway` (ReplicationFabrics_ReassociateGateway, "The operation
 * to move replications from a process server to another process server"), the REST form of the portal's process
 * server "Switch" (every machine) and "Load balance" (chosen machines), vmware-azure-manage-process-server.md.
 *
 * The answer is Site Recovery's LRO: 202 without a body, `Azure-AsyncOperation` at the vault's
 * `replicationOperationStatus/{id}` (the spec example ReplicationFabrics_ReassociateGateway.json, 2025-01-01, with
 * `Retry-After: 30`) and `Location` at the fabric's `operationresults/{id}` (what Azure sends beside it for a fabric
 * operation, as azure-powershell's recording AsrA2ATests/A2ANewAsrFabric.json shows; the example leaves it out), which
 * answers 202 while the operation runs and 200 with the fabric (the spec's 200 `Fabric`) once it has succeeded.
 *
 * The spec's `FailoverProcessServerRequest` marks no property required; the checks below are what the operation needs
 * to mean anything, and their codes and wording (in Site Recovery's error shape, siteRecoveryErrors.ts) are
 * **simulated**. So is the effect: the emulator models no replication protected items, only the process servers'
 * counts, so the machines move as numbers (below) and `containerName` ("The container identifier"; the example pairs
 * `cloud_<fabric internalIdentifier>`) is not checked. Which `updateType` moves all machines and which the listed ones
 * is not documented beyond "It can be systemlevel/serverlevel": the emulator takes ServerLevel for the whole server
 * (Switch) and SystemLevel for `vmsToMigrate` (Load balance).
 */
import type { OperationStart } from '../operations';
import { propertiesOf, requireBody } from '../resourceHelpers';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { lroDurationFor } from '../settings';
import { isJsonObject, type ArmRequestContext, type ArmResource, type JsonObject } from '../types';
import { countOf, customDetailsOf, processServersOf } from './processServers';
import { fabricOf, renderFabric, vaultOf, vaultTemplate } from './replicationFabrics';
import { siteRecoveryError } from './siteRecoveryErrors';

const updateTypes = ['ServerLevel', 'SystemLevel'] as const;

/** The request's properties once checked. */
interface FailoverProcessServerRequest {
  readonly sourceProcessServerId: string;
  readonly targetProcessServerId: string;
  readonly vmsToMigrate: readonly string[];
  readonly updateType: (typeof updateTypes)[number];
}

/** 400 BadRequest with a simulated Site Recovery detail. */
function invalidRequest(code: string, message: string, recommendedAction: string): never {
  throw siteRecoveryError(400, { code, message, possibleCauses: 'The request to switch process servers is not valid.', recommendedAction });
}

function requiredId(properties: JsonObject, name: 'sourceProcessServerId' | 'targetProcessServerId'): string {
  const value = properties[name];
  if (typeof value !== 'string' || value.trim() === '') {
    return invalidRequest('InvalidProcessServerId', `The process server id (${name}) is missing.`, `Pass the id of a process server of the configuration server as ${name}.`);
  }
  return value;
}

function requestOf(body: JsonObject): FailoverProcessServerRequest {
  const properties = body['properties'];
  if (!isJsonObject(properties)) {
    return invalidRequest('InvalidFailoverProcessServerRequest', 'The request has no properties.', 'Pass the request as {"properties": {...}}.');
  }
  const sourceProcessServerId = requiredId(properties, 'sourceProcessServerId');
  const targetProcessServerId = requiredId(properties, 'targetProcessServerId');
  const requestedType = properties['updateType'];
  const updateType = updateTypes.find((type) => typeof requestedType === 'string' && type.toLowerCase() === requestedType.toLowerCase());
  if (updateType === undefined) {
    return invalidRequest('InvalidUpdateType', `The update type (updateType) '${String(requestedType)}' is not valid.`, `Pass one of ${updateTypes.join(', ')}.`);
  }
  const vms = properties['vmsToMigrate'] ?? [];
  if (!Array.isArray(vms) || !vms.every((vm): vm is string => typeof vm === 'string')) {
    return invalidRequest('InvalidVmsToMigrate', 'The machines to move (vmsToMigrate) must be a list of names.', 'Pass vmsToMigrate as a list of strings.');
  }
  return { sourceProcessServerId, targetProcessServerId, updateType, vmsToMigrate: [...new Set(vms)] };
}

function processServerOf(fabric: ArmResource, id: string): JsonObject {
  const friendlyName = propertiesOf(fabric)['friendlyName'];
  const server = processServersOf(fabric).find((entry) => typeof entry['id'] === 'string' && entry['id'].toLowerCase() === id.toLowerCase());
  if (server === undefined) {
    return invalidRequest(
      'ProcessServerNotFound',
      `The process server ${id} is not registered with the configuration server ${typeof friendlyName === 'string' ? friendlyName : fabric.name}.`,
      'Pass the id of a process server listed in the fabric (customDetails.processServers[].id).',
    );
  }
  return server;
}

/** The checks of the request against the fabric; the process servers it names. */
function validate(fabric: ArmResource, request: FailoverProcessServerRequest): { readonly source: JsonObject; readonly target: JsonObject } {
  if (customDetailsOf(fabric)['instanceType'] !== 'VMware') {
    invalidRequest(
      'OperationNotSupportedForFabric',
      `Process servers can be switched only on a configuration server (VMware fabric); ${fabric.name} is not one.`,
      'Use the fabric of a configuration server.',
    );
  }
  const source = processServerOf(fabric, request.sourceProcessServerId);
  const target = processServerOf(fabric, request.targetProcessServerId);
  if (request.sourceProcessServerId.toLowerCase() === request.targetProcessServerId.toLowerCase()) {
    invalidRequest('SameSourceAndTargetProcessServer', 'The source and target process servers are the same.', 'Choose another process server as the target.');
  }
  if (request.updateType === 'SystemLevel') {
    const machines = countOf(source, 'machineCount');
    if (request.vmsToMigrate.length === 0 || request.vmsToMigrate.length > machines) {
      invalidRequest(
        'InvalidVmsToMigrate',
        `Choose between 1 and ${machines} of the machines the process server ${request.sourceProcessServerId} serves (vmsToMigrate lists ${request.vmsToMigrate.length}).`,
        'List the machines to move in vmsToMigrate, or switch the whole server (ServerLevel).',
      );
    }
  }
  return { source, target };
}

/**
 * Moves the machines (simulated): the source's `machineCount` and `replicationPairCount` drop by what moves and the
 * target's rise by as much; replication pairs follow the machines in proportion to the source's pairs per machine.
 */
function moveMachines(fabric: ArmResource, request: FailoverProcessServerRequest): void {
  const { source, target } = validate(fabric, request);
  const machines = countOf(source, 'machineCount');
  const pairs = countOf(source, 'replicationPairCount');
  // All of them (ServerLevel) or the listed ones (SystemLevel; validate() keeps them within the source's machines).
  const movedMachines = request.updateType === 'ServerLevel' ? machines : request.vmsToMigrate.length;
  const movedPairs = movedMachines === machines ? pairs : Math.round((pairs * movedMachines) / machines);
  source['machineCount'] = String(machines - movedMachines);
  source['replicationPairCount'] = String(pairs - movedPairs);
  target['machineCount'] = String(countOf(target, 'machineCount') + movedMachines);
  target['replicationPairCount'] = String(countOf(target, 'replicationPairCount') + movedPairs);
}

function reassociateGateway(services: ArmServices, context: ArmRequestContext): ReturnType<ArmRoute['handler']> {
  const vault = vaultOf(services, context);
  const fabric = fabricOf(services, context);
  const request = requestOf(requireBody(context.body));
  validate(fabric, request);
  const start: OperationStart = {
    context,
    namespace: 'Microsoft.RecoveryServices',
    location: vault.location ?? 'global',
    durationMs: lroDurationFor(services.settings, 'microsoft.recoveryservices/vaults/replicationfabrics/reassociategateway'),
    // Checked again at the end: a process server may have gone (or lost machines) while the operation ran.
    complete: () => {
      moveMachines(fabric, request);
      return renderFabric(fabric);
    },
  };
  const record = services.operations.start(start);
  return {
    status: 202,
    headers: services.operations.scopedHeaders(record, start, { asyncOperation: `${vault.id}/replicationOperationStatus`, location: `${fabric.id}/operationresults` }),
  };
}

/** Routes for reassociateGateway and the two URLs its operation is polled at. */
export function reassociateGatewayRoutes(services: ArmServices): ArmRoute[] {
  const fabricTemplate = `${vaultTemplate}/replicationFabrics/{fabricName}`;
  return [
    { method: 'POST', template: `${fabricTemplate}/reassociateGateway`, apiVersions: 'siteRecovery', handler: (context) => reassociateGateway(services, context) },
    {
      method: 'GET',
      template: `${vaultTemplate}/replicationOperationStatus/{operationId}`,
      apiVersions: 'siteRecovery',
      handler: (context) => {
        vaultOf(services, context);
        return services.operations.statusResponse(context.params['operationId']);
      },
    },
    {
      method: 'GET',
      template: `${fabricTemplate}/operationresults/{operationId}`,
      apiVersions: 'siteRecovery',
      handler: (context) => {
        fabricOf(services, context);
        return services.operations.locationResponse(context.params['operationId'], context);
      },
    },
  ];
}
