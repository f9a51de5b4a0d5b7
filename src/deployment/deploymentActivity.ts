/**
 * The deployments running in this window: what each is doing now, for the tree (a VM still being set up shows
 * "deploying" with the step, not "not registered"), and how to cancel each.
 */
export class DeploymentActivity {
  private readonly running = new Map<string, { label: string; readonly cancel: () => void }>();

  /** A run of deployment `deploymentId` starts; `cancel` stops it as the progress notification's Cancel does. */
  begin(deploymentId: string, cancel: () => void): void {
    this.running.set(deploymentId, { label: '', cancel });
  }

  /** Notes what the deployment is doing now (a step's label). */
  update(deploymentId: string, label: string): void {
    const entry = this.running.get(deploymentId);
    if (entry !== undefined) {
      entry.label = label;
    }
  }

  end(deploymentId: string): void {
    this.running.delete(deploymentId);
  }

  /** What the deployment is doing now, or undefined when it does not run in this window. */
  stepOf(deploymentId: string): string | undefined {
    return this.running.get(deploymentId)?.label;
  }

  /** Cancels a running deployment; false when none by that id runs here. */
  cancel(deploymentId: string): boolean {
    const entry = this.running.get(deploymentId);
    entry?.cancel();
    return entry !== undefined;
  }
}
