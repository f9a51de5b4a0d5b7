import * as vscode from 'vscode';
import { parseIpv4, validatePort } from '../../rules/ipAddressRules';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { AddProcessServerContext } from '../addProcessServerContext';

/** The port the configuration server listens on for process servers (domain.md). */
export const CONFIGURATION_SERVER_PORT = 443;
/** The process server's HTTPS port for replication traffic (domain.md: 9443 by default). */
export const DATA_TRANSFER_PORT = 9443;

/** An IPv4 address, or a DNS host name (labels of letters, digits and hyphens). */
function validateServerAddress(value: string): string | undefined {
  const text = value.trim();
  if (parseIpv4(text) !== undefined) {
    return undefined;
  }
  const labels = text.split('.');
  const hostName = text.length > 0 && text.length <= 253 && labels.every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
  return hostName && !/^[\d.]+$/.test(text)
    ? undefined
    : vscode.l10n.t('Enter the IPv4 address or the host name (FQDN) the configuration server is reached at, e.g. 192.168.10.20 or cs01.contoso.local.');
}

/** Step 5a: the configuration server's address, prefilled from what the fabric reports. */
export class ConfigurationServerAddressStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'configurationServerAddress';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.configurationServerAddress === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const fabric = context.configurationServer?.fabric;
    context.configurationServerAddress = (
      await prompts.input({
        prompt: vscode.l10n.t('Address of the configuration server {0}, as the process server reaches it', fabric?.friendlyName ?? ''),
        value: fabric?.ipAddress ?? fabric?.hostName,
        validate: validateServerAddress,
      })
    ).trim();
  }
}

/** Steps 5b and 5c: a port, prefilled with its documented default. */
export class PortStep implements PromptStep<AddProcessServerContext> {
  constructor(
    readonly id: 'configurationServerPort' | 'dataTransferPort',
    private readonly defaultPort: number,
    private readonly promptText: () => string,
  ) {}

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context[this.id] === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    context[this.id] = Number(await prompts.input({ prompt: this.promptText(), value: String(this.defaultPort), validate: validatePort }));
  }
}

/** Step 5b: the configuration server's port (443). */
export function configurationServerPortStep(): PortStep {
  return new PortStep('configurationServerPort', CONFIGURATION_SERVER_PORT, () =>
    vscode.l10n.t('Port of the configuration server (443 unless it was set up otherwise)'),
  );
}

/** Step 5c: the data-transfer port of the process server (9443). */
export function dataTransferPortStep(): PortStep {
  return new PortStep('dataTransferPort', DATA_TRANSFER_PORT, () =>
    vscode.l10n.t('Data-transfer port of the process server (9443 by default: the failed-over VMs and the master target send replication data to it)'),
  );
}

/** Where a remembered passphrase is kept: VS Code's SecretStorage, per configuration server, and nowhere else. */
export interface PassphraseStore {
  get(configurationServerId: string): Promise<string | undefined>;
  store(configurationServerId: string, passphrase: string): Promise<void>;
  forget(configurationServerId: string): Promise<void>;
}

export function passphraseStoreIn(secrets: vscode.SecretStorage): PassphraseStore {
  const key = (configurationServerId: string): string => `asrFailback.passphrase:${configurationServerId.toLowerCase()}`;
  return {
    get: async (configurationServerId) => secrets.get(key(configurationServerId)),
    store: async (configurationServerId, passphrase) => secrets.store(key(configurationServerId), passphrase),
    forget: async (configurationServerId) => secrets.delete(key(configurationServerId)),
  };
}

/**
 * Step 5d: the connection passphrase, masked, with how to read it on the configuration server; or the one
 * remembered for this configuration server. The user chooses whether to remember a typed one.
 */
export class PassphraseStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'passphrase';

  constructor(
    private readonly store: PassphraseStore,
    private readonly registerSecret: (secret: string) => void,
  ) {}

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.passphrase === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const fabricId = context.configurationServer?.fabric.id ?? '';
    const remembered = await this.store.get(fabricId);
    if (remembered !== undefined) {
      const choice = await prompts.pick({
        placeholder: vscode.l10n.t('The connection passphrase of the configuration server'),
        items: [
          { label: vscode.l10n.t('Use the passphrase remembered for this configuration server'), key: 'remembered', data: true },
          { label: vscode.l10n.t('Type the passphrase'), key: 'type', data: false },
        ],
      });
      if (choice.data) {
        this.registerSecret(remembered);
        context.passphrase = remembered;
        context.rememberPassphrase = true;
        return;
      }
    }
    const passphrase = await prompts.input({
      prompt: vscode.l10n.t(
        'Connection passphrase of the configuration server. On it, run %ProgramData%\\ASR\\home\\svsystems\\bin\\genpassphrase.exe -v to show it (do not regenerate it: that breaks the existing connections).',
      ),
      password: true,
      validate: (value) => (value.length === 0 ? vscode.l10n.t('Enter the passphrase: the process server cannot register without it.') : undefined),
    });
    this.registerSecret(passphrase);
    const remember = await prompts.pick({
      placeholder: vscode.l10n.t('Remember the passphrase for this configuration server?'),
      items: [
        { label: vscode.l10n.t('Do not remember it'), key: 'no', data: false },
        { label: vscode.l10n.t('Remember it in VS Code\'s secret storage, for this configuration server only'), key: 'yes', data: true },
      ],
    });
    context.passphrase = passphrase;
    context.rememberPassphrase = remember.data;
  }
}
