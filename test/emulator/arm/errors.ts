/** ARM error responses: `{ error: { code, message, target? } }` with the HTTP status Azure uses for each code. */

/** One entry of `error.details` (Site Recovery puts its own error there: code, message, possibleCauses, recommendedAction). */
export type ArmErrorDetail = Readonly<Record<string, string>>;

/** An error ARM reports to the caller; thrown by handlers and rendered by the ARM request handler. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly details?: readonly ArmErrorDetail[],
  ) {
    super(message);
    this.name = 'ArmError';
  }

  /** The JSON body ARM sends for this error. */
  toBody(): { error: { code: string; message: string; target?: string; details?: readonly ArmErrorDetail[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.target === undefined ? {} : { target: this.target }),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** 404 ResourceNotFound, worded as ARM words it. */
export function resourceNotFound(resourceType: string, name: string, resourceGroupName: string): ArmError {
  return new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${resourceType}/${name}' under resource group '${resourceGroupName}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** 404 ResourceGroupNotFound. */
export function resourceGroupNotFound(resourceGroupName: string): ArmError {
  return new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroupName}' could not be found.`);
}

/** 404 SubscriptionNotFound. */
export function subscriptionNotFound(subscriptionId: string): ArmError {
  return new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

/** 400 InvalidParameter with a target, as the resource providers (Compute, Network) report bad properties. */
export function invalidParameter(message: string, target: string): ArmError {
  return new ArmError(400, 'InvalidParameter', message, target);
}

/** 400 InvalidRequestContent: a body that is not the JSON the operation expects. */
export function invalidRequestContent(message: string): ArmError {
  return new ArmError(400, 'InvalidRequestContent', message);
}
