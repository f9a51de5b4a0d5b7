import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import type { ManagedProcessServerVm } from '../deployment/managedProcessServerVm';
import type { ProcessServerInfo, SiteRecoveryFabric, VaultInfo } from './model';

/**
 * What a command acts on, whichever way it was invoked: the tree hands it over from the node that was clicked, a
 * picker builds it from the Command Palette. Commands read these, never tree nodes.
 */
export type InfrastructureTarget =
  | { readonly kind: 'subscription'; readonly subscription: AzureSubscriptionContext }
  | { readonly kind: 'vault'; readonly subscription: AzureSubscriptionContext; readonly vault: VaultInfo }
  /** A configuration server, a replication appliance or another fabric: `fabric.kind` says which. */
  | {
      readonly kind: 'fabric';
      readonly subscription: AzureSubscriptionContext;
      readonly vault: VaultInfo;
      readonly fabric: SiteRecoveryFabric;
    }
  /**
   * A process server: one its configuration server reports (`server`), the VM this extension deployed for it
   * (`deployedVm`), or both.
   */
  | {
      readonly kind: 'processServer';
      readonly subscription: AzureSubscriptionContext;
      readonly vault: VaultInfo;
      readonly fabric: SiteRecoveryFabric;
      readonly server: ProcessServerInfo | undefined;
      readonly deployedVm: ManagedProcessServerVm | undefined;
    };

/** Anything that can say what a command should act on; the tree's nodes are. */
export interface HasInfrastructureTarget {
  readonly infrastructureTarget: InfrastructureTarget;
}

/** The target a command argument carries, or undefined when it carries none. */
export function infrastructureTargetOf(argument: unknown): InfrastructureTarget | undefined {
  if (typeof argument !== 'object' || argument === null || !('infrastructureTarget' in argument)) {
    return undefined;
  }
  return (argument as HasInfrastructureTarget).infrastructureTarget;
}
