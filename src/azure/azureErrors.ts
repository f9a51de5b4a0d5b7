/** The shape of an Azure SDK `RestError`, read without importing the SDK. */
interface RestErrorLike {
  readonly message: string;
  readonly code?: string;
  readonly statusCode?: number;
  readonly response?: { readonly bodyAsText?: string | null };
}

/** Azure's own `{error:{code,message}}` from a failed response, when there is one. */
function armErrorBody(error: RestErrorLike): { code?: string; message?: string } | undefined {
  const text = error.response?.bodyAsText;
  if (typeof text !== 'string' || text === '') {
    return undefined;
  }
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === 'string' ? body.error.code : undefined;
    const message = typeof body.error?.message === 'string' ? body.error.message : undefined;
    return { code, message };
  } catch {
    return undefined;
  }
}

/** The error code Azure gave (e.g. `MissingSubscriptionRegistration`), or undefined. */
export function azureErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const restError = error as RestErrorLike;
  return armErrorBody(restError)?.code ?? restError.code;
}

/**
 * The message of anything thrown, for the log and for the user; never a stack trace or an object dump. For Azure
 * errors, Azure's own message and code, which the SDK's paging helpers replace with "Pagination failed ...".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const restError = error as RestErrorLike;
    const body = armErrorBody(restError);
    const code = body?.code ?? restError.code;
    const message = body?.message ?? error.message;
    return code === undefined || message.includes(code) ? message : `${message} (${code})`;
  }
  if (typeof error === 'string') {
    return error;
  }
  if (typeof error === 'object' && error !== null) {
    return JSON.stringify(error);
  }
  return String(error);
}

/** Whether an error is the end of a call the extension itself aborted (a refresh, a cancel), not a failure to report. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
