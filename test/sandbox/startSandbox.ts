/**
 * `npm start`: the sandbox. Starts the Azure emulator with demo data and a real VS Code with the extension installed,
 * prints the URL to open, and runs until Ctrl+C.
 */
import { packagedVsix } from '../ui/workbench';
import { startSandbox } from './sandbox';

async function main(): Promise<void> {
  const started = Date.now();
  const port = process.env.ASR_SANDBOX_PORT === undefined ? 8080 : Number(process.env.ASR_SANDBOX_PORT);
  const sandbox = await startSandbox({ vsix: packagedVsix(), port });
  const { info } = sandbox.emulator;
  console.log(`
Azure Site Recovery failback sandbox is ready (${((Date.now() - started) / 1000).toFixed(1)} s).

  Open ${sandbox.url} in a browser, click the Azure Site Recovery icon in the activity bar,
  then "Sign in to Azure" and "Allow": you sign in as the demo engineer of the emulated cloud.

  Emulated Resource Manager and Entra ID: ${info.armEndpoint}   (control endpoint ${info.controlEndpoint})
  Demo service principal: tenant ${info.tenantId}, client ${info.clientId}
  (for asrFailback.authentication = servicePrincipal, start with AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET set)

Press Ctrl+C to stop.`);
  const stop = (): void => {
    console.log('\nStopping the sandbox…');
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
