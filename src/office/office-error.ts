/**
 * Failures of Office.js calls as real `Error`s: Office reports them in an `AsyncResult`
 * inside a callback, or throws plain objects; neither can be caught or logged usefully as they are.
 */

/** An Office.js call that failed: which call, and Office's own error code and name when it gave them. */
export class OfficeCallError extends Error {
  override readonly name = 'OfficeCallError';

  constructor(
    /** The Office.js call, e.g. `roamingSettings.saveAsync`. */
    readonly operation: string,
    message: string,
    /** Office's numeric error code (e.g. 12006: the user closed a dialog), when it gave one. */
    readonly code?: number,
    /** Office's error name (e.g. `GenericResponseError`), when it gave one. */
    readonly officeName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface OfficeErrorLike {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
}

/** Turns whatever Office threw or reported (an `Office.Error`, a string, an Error) into an `OfficeCallError`. */
export function toOfficeCallError(operation: string, cause: unknown): OfficeCallError {
  if (cause instanceof OfficeCallError) return cause;
  if (typeof cause === 'object' && cause !== null) {
    const like = cause as OfficeErrorLike;
    const code = typeof like.code === 'number' ? like.code : undefined;
    const officeName = typeof like.name === 'string' && like.name !== '' ? like.name : undefined;
    const detail =
      typeof like.message === 'string' && like.message !== ''
        ? like.message
        : (officeName ?? 'unknown error');
    return new OfficeCallError(
      operation,
      `${operation} failed: ${detail}${code !== undefined ? ` (Office error ${code})` : ''}`,
      code,
      officeName,
      { cause },
    );
  }
  return new OfficeCallError(operation, `${operation} failed: ${String(cause)}`, undefined, undefined, {
    cause,
  });
}

/**
 * Calls an Office.js `…Async` method and settles with its value, or rejects with an `OfficeCallError`
 * carrying Office's code and message — also when the method throws synchronously instead of calling back.
 */
export function callOfficeAsync<T>(
  operation: string,
  invoke: (callback: (result: Office.AsyncResult<T>) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
        else reject(toOfficeCallError(operation, result.error ?? 'no error detail'));
      });
    } catch (cause) {
      reject(toOfficeCallError(operation, cause));
    }
  });
}
