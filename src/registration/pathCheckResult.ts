import * as vscode from 'vscode';
import type { AzureSdk } from '../azure/azureSdk';
import { PATH_CHECK_RESULT_PREFIX } from './scriptMarkers';

/** What the path-check script found on the VM (scripts/checkPathToConfigurationServer.ps1). */
export interface PathCheckScriptResult {
  readonly nameResolution: { readonly ok: boolean; readonly addresses: readonly string[]; readonly message: string };
  readonly configurationServerPort: { readonly port: number; readonly ok: boolean; readonly message: string };
  readonly dataTransferPort: { readonly port: number; readonly ok: boolean; readonly message: string };
}

function isCheck(value: unknown): value is { ok: boolean; message: string } {
  const check = value as { ok?: unknown; message?: unknown } | undefined;
  return typeof check?.ok === 'boolean' && typeof check.message === 'string';
}

/** The script's result from its output (the last line with the prefix), or undefined when there is none. */
export function parsePathCheckOutput(output: string): PathCheckScriptResult | undefined {
  const line = output
    .split(/\r?\n/)
    .reverse()
    .find((candidate) => candidate.startsWith(PATH_CHECK_RESULT_PREFIX));
  if (line === undefined) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(line.slice(PATH_CHECK_RESULT_PREFIX.length)) as Record<string, unknown>;
    const { nameResolution, configurationServerPort, dataTransferPort } = parsed;
    if (!isCheck(nameResolution) || !isCheck(configurationServerPort) || !isCheck(dataTransferPort)) {
      return undefined;
    }
    const addresses = (nameResolution as { addresses?: unknown }).addresses;
    return {
      nameResolution: { ...nameResolution, addresses: Array.isArray(addresses) ? addresses.map(String) : [] },
      configurationServerPort: { ...configurationServerPort, port: Number((configurationServerPort as { port?: unknown }).port) },
      dataTransferPort: { ...dataTransferPort, port: Number((dataTransferPort as { port?: unknown }).port) },
    };
  } catch {
    return undefined;
  }
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    return undefined;
  }
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function prefixContains(prefix: string, address: number): number | undefined {
  const [network = '', lengthText = '32'] = prefix.split('/');
  const start = ipv4ToNumber(network);
  const length = Number(lengthText);
  if (start === undefined || !Number.isInteger(length) || length < 0 || length > 32) {
    return undefined;
  }
  const size = 2 ** (32 - length);
  return address >= start - (start % size) && address < start - (start % size) + size ? length : undefined;
}

/** The active route Azure uses for `address` (longest prefix match), or undefined when none covers it. */
export function routeFor(routes: readonly AzureSdk.EffectiveRoute[], address: string): AzureSdk.EffectiveRoute | undefined {
  const target = ipv4ToNumber(address);
  if (target === undefined) {
    return undefined;
  }
  let best: { route: AzureSdk.EffectiveRoute; length: number } | undefined;
  for (const route of routes.filter((candidate) => candidate.state !== 'Invalid')) {
    for (const prefix of route.addressPrefix ?? []) {
      const length = prefixContains(prefix, target);
      if (length !== undefined && (best === undefined || length > best.length)) {
        best = { route, length };
      }
    }
  }
  return best?.route;
}

/** One row of the path check's table. */
export interface PathCheckRow {
  readonly check: string;
  readonly direction: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The path check's verdict: its table, and when a check failed, the likely cause and what to do. */
export interface PathCheckVerdict {
  readonly rows: readonly PathCheckRow[];
  readonly cause: string | undefined;
}

/** Judges the path from the VM to the configuration server from the script's result and the NIC's routes. */
export function judgePath(address: string, script: PathCheckScriptResult, routes: readonly AzureSdk.EffectiveRoute[]): PathCheckVerdict {
  const target = ipv4ToNumber(address) === undefined ? script.nameResolution.addresses.at(0) : address;
  const route = target === undefined ? undefined : routeFor(routes, target);
  const throughGateway = route?.nextHopType === 'VirtualNetworkGateway';
  const rows: PathCheckRow[] = [
    {
      check: vscode.l10n.t('Name resolution of {0}', address),
      direction: vscode.l10n.t('on the process server'),
      ok: script.nameResolution.ok,
      detail: script.nameResolution.ok ? script.nameResolution.addresses.join(', ') : script.nameResolution.message,
    },
    {
      check: vscode.l10n.t('Route to {0}', target ?? address),
      direction: vscode.l10n.t('process server → on-premises'),
      ok: throughGateway,
      detail: throughGateway
        ? vscode.l10n.t('through the VPN/ExpressRoute gateway ({0})', route.addressPrefix?.join(', ') ?? '')
        : vscode.l10n.t('not through a gateway: next hop {0}', route?.nextHopType ?? vscode.l10n.t('none')),
    },
    {
      check: vscode.l10n.t('TCP {0}', script.configurationServerPort.port),
      direction: vscode.l10n.t('process server → configuration server'),
      ok: script.configurationServerPort.ok,
      detail: script.configurationServerPort.message,
    },
    {
      check: vscode.l10n.t('TCP {0}', script.dataTransferPort.port),
      direction: vscode.l10n.t('failed-over VMs and master target → process server (inbound)'),
      ok: script.dataTransferPort.ok,
      detail: script.dataTransferPort.message,
    },
  ];
  return { rows, cause: causeOf(address, target, script, throughGateway) };
}

function causeOf(address: string, target: string | undefined, script: PathCheckScriptResult, throughGateway: boolean): string | undefined {
  if (!script.nameResolution.ok) {
    return vscode.l10n.t(
      'The process server cannot resolve {0}: point the virtual network\'s DNS servers at a DNS server that knows the on-premises names, or use the configuration server\'s IP address.',
      address,
    );
  }
  if (!throughGateway) {
    return vscode.l10n.t(
      'No route to {0} goes through a VPN or ExpressRoute gateway: the likely cause is the VPN/ExpressRoute route. Check that the virtual network has a connected gateway and that the on-premises address range of the configuration server is advertised to it.',
      target ?? address,
    );
  }
  if (!script.configurationServerPort.ok) {
    return vscode.l10n.t(
      'The configuration server does not answer on TCP {0} although the route goes through the gateway: the likely cause is a network security group on the subnet or the NIC denying outbound {0}, or the on-premises firewall in front of the configuration server.',
      script.configurationServerPort.port,
    );
  }
  if (!script.dataTransferPort.ok) {
    return vscode.l10n.t(
      'Windows Firewall on the process server does not let inbound TCP {0} in: the failed-over VMs and the master target send replication data to that port.',
      script.dataTransferPort.port,
    );
  }
  return undefined;
}

/** The table as lines for the output channel and the error message. */
export function pathTableLines(verdict: PathCheckVerdict): string[] {
  return verdict.rows.map(
    (row) => `${row.ok ? vscode.l10n.t('OK') : vscode.l10n.t('FAILED')} | ${row.check} | ${row.direction} | ${row.detail}`,
  );
}
