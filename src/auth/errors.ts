/** Sign-in failures the pane can explain, each with a reason code (the UI turns codes into sentences). */

export type SignInErrorCode =
  /** The user closed the sign-in window or pressed Cancel. */
  | 'cancelled'
  /** The browser blocked the popup and no Office dialog is available (outside Office). */
  | 'popup_blocked'
  /** A token needs the user, and this provider was asked not to prompt (background work). */
  | 'interaction_required'
  /** The Office dialog failed or answered something unreadable. */
  | 'dialog_failed'
  /** No network, or Entra ID could not be reached. */
  | 'network'
  /** The configuration is missing or wrong (client id, authority): see the configuration problems. */
  | 'not_configured'
  /** Anything else MSAL reported (its error code is in `detail`). */
  | 'failed';

export class SignInError extends Error {
  override readonly name = 'SignInError';

  constructor(
    readonly code: SignInErrorCode,
    message: string,
    /** MSAL's or Office's own error code, for support (never a token). */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Rejects with an `AbortError` as soon as `signal` aborts; otherwise settles as `promise` does. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The token request was aborted');
  error.name = 'AbortError';
  return error;
}
