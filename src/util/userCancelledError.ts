/** Thrown when the user dismisses a prompt or cancels a progress notification; commands end silently on it. */
export class UserCancelledError extends Error {
  constructor(step?: string) {
    super(step === undefined ? 'Cancelled by the user.' : `Cancelled by the user at: ${step}`);
    this.name = 'UserCancelledError';
  }
}
