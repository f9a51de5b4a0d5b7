/** The user is not signed in to Azure with the configured method; the tree shows its welcome view instead. */
export class SignInRequiredError extends Error {
  constructor() {
    super('Not signed in to Azure.');
    this.name = 'SignInRequiredError';
  }
}
