/** A VM's power state (reported only in its instance view), kept beside the resource and reset with it. */
import { propertiesOf } from '../resourceHelpers';
import type { ArmResource } from '../types';

/** Power states a VM moves through with start / powerOff / deallocate. */
export type PowerState = 'running' | 'stopped' | 'deallocated';

const powerStates = new WeakMap<ArmResource, PowerState>();

/** The VM's power state; a VM never stopped is running. */
export function powerStateOf(vm: ArmResource): PowerState {
  return powerStates.get(vm) ?? 'running';
}

/** Records a new power state. */
export function setPowerState(vm: ArmResource, state: PowerState): void {
  powerStates.set(vm, state);
}

/** The power state the instance view shows (`PowerState/<state>`): starting while created, stopping while deleted. */
export function displayedPowerState(vm: ArmResource): PowerState | 'starting' | 'stopping' {
  const provisioning = propertiesOf(vm)['provisioningState'];
  return provisioning === 'Creating' ? 'starting' : provisioning === 'Deleting' ? 'stopping' : powerStateOf(vm);
}
