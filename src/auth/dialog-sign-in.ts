/**
 * The last resort of interactive sign-in: where the browser blocks MSAL's popup (classic Outlook's web view,
 * Outlook on the web without a user gesture), an Office dialog opens our `dialog.html`, which signs in with
 * MSAL's redirect flow inside the dialog and sends the result back with `messageParent`.
 *
 * Behind `InteractiveSignIn` so the MSAL provider can be tested with a fake, and this module with a fake
 * `displayDialog`.
 */
import { displayDialog, type DialogOptions, type OpenedDialog } from '../office/dialog';
import { OfficeCallError } from '../office/office-error';
import type { SignedInAccount } from './account';
import { dialogUrl, readDialogResult } from './dialog-protocol';
import { SignInError } from './errors';
import { messageOf } from '../domain/message-of';

export interface InteractiveSignInRequest {
  readonly scopes: readonly string[];
  readonly claims?: string;
  readonly loginHint?: string;
}

export interface InteractiveSignInResult {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresOn: number;
  readonly account: SignedInAccount;
}

/** Signs the user in somewhere other than a popup and returns a token for the requested scopes. */
export interface InteractiveSignIn {
  signIn(request: InteractiveSignInRequest): Promise<InteractiveSignInResult>;
}

export interface OfficeDialogSignInOptions {
  /** `https://<add-in origin>/dialog.html`. */
  readonly dialogPageUrl: string;
  readonly clientId: string;
  readonly authority: string;
  /** Injectable for tests; the Office dialog by default. */
  readonly open?: (url: string, options: DialogOptions) => Promise<OpenedDialog>;
}

/** The Office-dialog sign-in. Rejects with a `SignInError` (`cancelled` when the user closes the dialog). */
export function officeDialogSignIn(options: OfficeDialogSignInOptions): InteractiveSignIn {
  const open = options.open ?? displayDialog;
  const expectedOrigin = new URL(options.dialogPageUrl).origin;
  return {
    async signIn(request) {
      const url = dialogUrl(options.dialogPageUrl, {
        clientId: options.clientId,
        authority: options.authority,
        scopes: request.scopes,
        ...(request.claims !== undefined ? { claims: request.claims } : {}),
        ...(request.loginHint !== undefined ? { loginHint: request.loginHint } : {}),
      });
      let dialog: OpenedDialog;
      try {
        dialog = await open(url, { heightPercent: 60, widthPercent: 30 });
      } catch (cause) {
        throw asSignInError(cause);
      }
      try {
        // Messages from another origin (the dialog navigated elsewhere) are not ours: wait for the next one.
        for (;;) {
          const { message, origin } = await dialog.nextMessage();
          if (origin !== undefined && origin !== expectedOrigin) continue;
          const result = readDialogResult(message);
          if (result === undefined)
            throw new SignInError('dialog_failed', 'The sign-in window answered something unreadable');
          if (!result.ok) {
            const cancelled =
              result.code === 'user_cancelled' ||
              result.code === 'user_canceled' ||
              result.code === 'access_denied';
            throw new SignInError(
              cancelled ? 'cancelled' : 'dialog_failed',
              `Sign-in failed in the dialog: ${result.message}`,
              result.code,
            );
          }
          return { accessToken: result.accessToken, expiresOn: result.expiresOn, account: result.account };
        }
      } catch (cause) {
        throw asSignInError(cause);
      } finally {
        dialog.close();
      }
    },
  };
}

function asSignInError(cause: unknown): SignInError {
  if (cause instanceof SignInError) return cause;
  if (cause instanceof OfficeCallError) {
    const detail = cause.code !== undefined ? String(cause.code) : cause.officeName;
    // 12006: closed by the user; 12009: the user declined to open it.
    if (cause.code === 12006 || cause.code === 12009)
      return new SignInError('cancelled', 'The sign-in window was closed', detail, { cause });
    return new SignInError('dialog_failed', `The sign-in window failed: ${cause.message}`, detail, { cause });
  }
  return new SignInError('dialog_failed', `The sign-in window failed: ${messageOf(cause)}`, undefined, {
    cause,
  });
}
