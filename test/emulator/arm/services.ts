/** What every provider's routes share: state, settings and the operation tracker. */
import type { HoldKind } from '../control/holds';
import type { OperationTracker } from './operations';
import type { EmulatorSettings } from './settings';
import type { ArmState } from './state';

/** Shared services handed to each provider's route factory. */
export interface ArmServices {
  readonly state: ArmState;
  readonly settings: EmulatorSettings;
  readonly operations: OperationTracker;
  /**
   * Timers that are not operations (delayed process-server appearance, provider registration); cleared on reset/stop.
   * With `holdAs`, a test's hold of that kind (control endpoint, a test control) keeps the action until released.
   */
  readonly schedule: (delayMs: number, action: () => void, holdAs?: { readonly kind: HoldKind; readonly description: string }) => void;
}
