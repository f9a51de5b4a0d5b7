/**
 * `npm run emulator` (node out/test/emulator/cli.js): runs the local Azure emulator until SIGINT/SIGTERM.
 * Options: --json (first stdout line is the connection JSON), --seed <file> (repeatable; default fixtures/demo.json),
 * --port <n>, --control-port <n>, --latency-ms <n>, --lro-ms <type=ms> (repeatable; `*` is the default type),
 * --retry-after <s>, --registration-delay-ms <n>, --page-size <n>.
 */
import { parseArgs } from 'node:util';
import type { EmulatorSettings } from './arm/settings';
import { startEmulator, type EmulatorOptions } from './server';

/** Timings for people trying the extension by hand: long enough to see progress, short enough not to wait. */
const interactiveLroDurationsMs: Record<string, number> = {
  '*': 1500,
  'microsoft.compute/virtualmachines': 6000,
  'microsoft.compute/virtualmachines/runcommands': 5000,
};

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`--${name} expects a non-negative integer, got "${value}".`);
  }
  return parsed;
}

function lroDurations(entries: readonly string[]): Record<string, number> {
  const durations: Record<string, number> = { ...interactiveLroDurationsMs };
  for (const entry of entries) {
    const match = /^([^=]+)=(\d+)$/.exec(entry);
    const type = match?.at(1);
    const milliseconds = match?.at(2);
    if (type === undefined || milliseconds === undefined) {
      throw new Error(`--lro-ms expects <resource type>=<milliseconds>, e.g. Microsoft.Compute/virtualMachines=2000, got "${entry}".`);
    }
    durations[type.toLowerCase()] = Number(milliseconds);
  }
  return durations;
}

/** Parses the command line into emulator options and whether to print JSON. */
export function parseCommandLine(argv: readonly string[]): { options: EmulatorOptions; json: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      seed: { type: 'string', multiple: true },
      port: { type: 'string' },
      'control-port': { type: 'string' },
      'latency-ms': { type: 'string' },
      'lro-ms': { type: 'string', multiple: true },
      'retry-after': { type: 'string' },
      'registration-delay-ms': { type: 'string' },
      'page-size': { type: 'string' },
    },
    strict: true,
  });
  const settings: Partial<EmulatorSettings> = { lroDurationsMs: lroDurations(values['lro-ms'] ?? []), registrationDelayMs: 3000 };
  const latencyMs = integer('latency-ms', values['latency-ms']);
  const retryAfterSeconds = integer('retry-after', values['retry-after']);
  const registrationDelayMs = integer('registration-delay-ms', values['registration-delay-ms']);
  const pageSize = integer('page-size', values['page-size']);
  Object.assign(settings, {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(registrationDelayMs === undefined ? {} : { registrationDelayMs }),
    ...(pageSize === undefined ? {} : { pageSize }),
  });
  const port = integer('port', values.port);
  const controlPort = integer('control-port', values['control-port']);
  return {
    json: values.json,
    options: {
      settings,
      ...(values.seed === undefined ? {} : { seedFiles: values.seed }),
      ...(port === undefined ? {} : { port }),
      ...(controlPort === undefined ? {} : { controlPort }),
    },
  };
}

async function main(): Promise<void> {
  const { options, json } = parseCommandLine(process.argv.slice(2));
  const emulator = await startEmulator(options);
  const { info } = emulator;
  if (json) {
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else {
    process.stdout.write(
      [
        'Local Azure emulator running (Ctrl+C to stop)',
        `  ARM endpoint / authority host: ${info.armEndpoint}`,
        `  tenant ${info.tenantId}, demo service principal ${info.clientId}`,
        `  certificate (NODE_EXTRA_CA_CERTS): ${info.caFile}`,
        `  control endpoint: ${info.controlEndpoint}`,
        `  subscriptions: ${info.subscriptionIds.join(', ')}`,
        '',
      ].join('\n'),
    );
  }
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
