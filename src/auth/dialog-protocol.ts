/**
 * What the task pane and the sign-in dialog page (src/taskpane/dialog.ts) say to each other. The pane opens
 * `dialog.html?request=<base64url JSON>`; the page signs in with MSAL's redirect flow inside the dialog and
 * answers once through `Office.context.ui.messageParent` with a `DialogSignInResult` as JSON.
 *
 * No secret travels in the URL (client id, authority, scopes, an optional login hint and claims); the access
 * token travels only in the message, and the pane keeps it in memory until it expires.
 */

export const DIALOG_PAGE = 'dialog.html';
const RESULT_TYPE = 'solleciti.sign-in';

export interface DialogSignInRequest {
  readonly clientId: string;
  readonly authority: string;
  readonly scopes: readonly string[];
  readonly claims?: string;
  readonly loginHint?: string;
}

export interface DialogAccount {
  readonly username: string;
  readonly name?: string;
  readonly homeAccountId?: string;
  readonly tenantId?: string;
}

export type DialogSignInResult =
  | {
      readonly type: typeof RESULT_TYPE;
      readonly ok: true;
      readonly accessToken: string;
      /** Epoch milliseconds. */
      readonly expiresOn: number;
      readonly account: DialogAccount;
    }
  | {
      readonly type: typeof RESULT_TYPE;
      readonly ok: false;
      readonly code: string;
      readonly message: string;
    };

const toBase64Url = (text: string): string => {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (value: string): string => {
  const normalised = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(normalised + '='.repeat((4 - (normalised.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (char) => char.charCodeAt(0)),
  );
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';
const optionalString = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';

/** The dialog page's URL for this request: `base` is the add-in's dialog page (`https://…/dialog.html`). */
export function dialogUrl(base: string, request: DialogSignInRequest): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  url.searchParams.set('request', toBase64Url(JSON.stringify(request)));
  return url.toString();
}

/** The request in a dialog page's query string, or undefined when it is missing or malformed. */
export function readDialogRequest(search: string): DialogSignInRequest | undefined {
  const encoded = new URLSearchParams(search).get('request');
  if (encoded === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(fromBase64Url(encoded));
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { clientId, authority, scopes, claims, loginHint } = value;
  if (
    !isNonEmptyString(clientId) ||
    !isNonEmptyString(authority) ||
    !optionalString(claims) ||
    !optionalString(loginHint)
  )
    return undefined;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every(isNonEmptyString)) return undefined;
  let authorityUrl: URL;
  try {
    authorityUrl = new URL(authority);
  } catch {
    return undefined;
  }
  if (authorityUrl.protocol !== 'https:') return undefined;
  return {
    clientId,
    authority,
    scopes,
    ...(isNonEmptyString(claims) ? { claims } : {}),
    ...(isNonEmptyString(loginHint) ? { loginHint } : {}),
  };
}

export function signInSucceeded(accessToken: string, expiresOn: number, account: DialogAccount): string {
  const result: DialogSignInResult = { type: RESULT_TYPE, ok: true, accessToken, expiresOn, account };
  return JSON.stringify(result);
}

export function signInFailed(code: string, message: string): string {
  const result: DialogSignInResult = { type: RESULT_TYPE, ok: false, code, message };
  return JSON.stringify(result);
}

/** The dialog's answer, or undefined when the message is not one (another page, a malformed message). */
export function readDialogResult(message: string): DialogSignInResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.type !== RESULT_TYPE) return undefined;
  if (value.ok === false) {
    return isNonEmptyString(value.code) && typeof value.message === 'string'
      ? { type: RESULT_TYPE, ok: false, code: value.code, message: value.message }
      : undefined;
  }
  if (value.ok !== true) return undefined;
  const { accessToken, expiresOn, account } = value;
  if (
    !isNonEmptyString(accessToken) ||
    typeof expiresOn !== 'number' ||
    !Number.isFinite(expiresOn) ||
    !isRecord(account)
  )
    return undefined;
  const { username, name, homeAccountId, tenantId } = account;
  if (
    !isNonEmptyString(username) ||
    !optionalString(name) ||
    !optionalString(homeAccountId) ||
    !optionalString(tenantId)
  )
    return undefined;
  return {
    type: RESULT_TYPE,
    ok: true,
    accessToken,
    expiresOn,
    account: {
      username,
      ...(name !== undefined ? { name } : {}),
      ...(homeAccountId !== undefined ? { homeAccountId } : {}),
      ...(tenantId !== undefined ? { tenantId } : {}),
    },
  };
}
