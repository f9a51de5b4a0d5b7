import type { AzureClients } from '../azure/azureClients';
import { collectAll, withCallSignal } from '../azure/callCancellation';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';

export interface StorageAccountInfo {
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
}

/** A subscription's storage accounts, and whether a new account name is free in the whole cloud. */
export class StorageService {
  constructor(
    private readonly clients: AzureClients,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  async listAccounts(signal: AbortSignal): Promise<StorageAccountInfo[]> {
    const accounts = await this.limiter.run(
      () => collectAll(() => this.clients.storage().storageAccounts.list({ abortSignal: signal }), signal),
      signal,
    );
    return accounts
      .map((account) => ({
        id: account.id ?? '',
        name: account.name ?? '',
        resourceGroup: parseResourceId(account.id ?? '').resourceGroup,
        location: account.location,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Azure's answer on a new account name: free, or taken (anywhere in the cloud) with Azure's message. */
  async checkName(name: string, signal: AbortSignal): Promise<{ available: boolean; message: string | undefined }> {
    const result = await this.limiter.run(
      () =>
        withCallSignal(signal, () =>
          this.clients.storage().storageAccounts.checkNameAvailability({ name, type: 'Microsoft.Storage/storageAccounts' }, { abortSignal: signal }),
        ),
      signal,
    );
    return { available: result.nameAvailable === true, message: result.message };
  }
}
