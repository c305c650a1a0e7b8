/**
 * The sign-in page (`dialog.html`), in one of two roles:
 *
 *  1. MSAL's popup (or the dialog's own redirect) came back from Entra ID with the answer in the URL: hand it
 *     to MSAL's redirect bridge, which relays it to the window that asked (the pane, or this page again).
 *  2. Opened by the pane in an Office dialog (`?request=…`, see src/auth/dialog-protocol.ts): sign in with
 *     MSAL's redirect flow inside the dialog, then send the token to the pane with `messageParent`.
 *
 * Nothing here is logged: the message to the pane is the only place the token goes.
 */
import {
  createStandardPublicClientApplication,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import {
  readDialogRequest,
  signInFailed,
  signInSucceeded,
  type DialogSignInRequest,
} from '../auth/dialog-protocol';
import { messageParent } from '../office/dialog';
import { officeReady } from '../office/office-ready';
import { messageOf } from '../domain/message-of';

const STARTED_KEY = 'solleciti.dialog.redirect-started';

function show(text: string): void {
  const status = document.getElementById('status');
  if (status !== null) status.textContent = text;
}

/** True when Entra ID's answer (a code or an error, with MSAL's state) is in the URL. */
function hasAuthResponse(location: Location): boolean {
  const params = (text: string): URLSearchParams => new URLSearchParams(text.replace(/^[#?]/, ''));
  return [params(location.hash), params(location.search)].some(
    (p) => p.has('state') && (p.has('code') || p.has('error')),
  );
}

function answer(message: string, shown: string): void {
  show(shown);
  let sent: boolean;
  try {
    sent = messageParent(message);
  } catch {
    sent = false;
  }
  if (!sent) show(`${shown} — Apri Solleciti da Outlook. / Open Solleciti from Outlook.`);
}

function succeed(result: AuthenticationResult): void {
  if (result.account === null) {
    answer(
      signInFailed('no_account', 'Entra ID returned no account'),
      'Accesso non riuscito. / Sign-in failed.',
    );
    return;
  }
  // MSAL always dates an access token; if it ever does not, the pane keeps it for ten minutes (15 less its 5-minute margin).
  const expiresOn = result.expiresOn?.getTime() ?? Date.now() + 15 * 60_000;
  answer(
    signInSucceeded(result.accessToken, expiresOn, {
      username: result.account.username,
      ...(result.account.name !== undefined ? { name: result.account.name } : {}),
      homeAccountId: result.account.homeAccountId,
      tenantId: result.account.tenantId,
    }),
    'Accesso eseguito: puoi chiudere questa finestra. / Signed in: you can close this window.',
  );
}

function fail(error: unknown): void {
  const code =
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { errorCode?: unknown }).errorCode === 'string'
      ? (error as { errorCode: string }).errorCode
      : 'sign_in_failed';
  const message = messageOf(error);
  answer(signInFailed(code, message), `Accesso non riuscito (${code}). / Sign-in failed (${code}).`);
}

async function signInInDialog(request: DialogSignInRequest): Promise<void> {
  const redirectUri = new URL(window.location.pathname, window.location.origin).toString();
  const client: IPublicClientApplication = await createStandardPublicClientApplication({
    auth: {
      clientId: request.clientId,
      authority: request.authority,
      redirectUri,
      clientCapabilities: ['CP1'],
    },
    cache: { cacheLocation: 'localStorage' },
  });
  const result = await client.handleRedirectPromise();
  if (result !== null) {
    sessionStorage.removeItem(STARTED_KEY);
    succeed(result);
    return;
  }
  if (sessionStorage.getItem(STARTED_KEY) !== null) {
    // Back from Entra ID without an answer: do not loop through the redirect again.
    sessionStorage.removeItem(STARTED_KEY);
    answer(
      signInFailed('no_response', 'Entra ID returned no answer'),
      'Accesso non riuscito. / Sign-in failed.',
    );
    return;
  }
  // Already signed in on this origin (the pane's cache is shared): no need to show Entra ID at all.
  const hint = request.loginHint?.toLowerCase();
  const account = client
    .getAllAccounts()
    .find((candidate) => hint === undefined || candidate.username.toLowerCase() === hint);
  if (account !== undefined && request.claims === undefined) {
    try {
      succeed(await client.acquireTokenSilent({ scopes: [...request.scopes], account }));
      return;
    } catch {
      // Not silently: go through Entra ID below.
    }
  }
  sessionStorage.setItem(STARTED_KEY, '1');
  await client.acquireTokenRedirect({
    scopes: [...request.scopes],
    redirectStartPage: window.location.href,
    ...(request.claims !== undefined ? { claims: request.claims } : {}),
    ...(request.loginHint !== undefined ? { loginHint: request.loginHint } : {}),
  });
}

async function main(): Promise<void> {
  if (hasAuthResponse(window.location)) {
    await broadcastResponseToMainFrame();
    return;
  }
  await officeReady();
  const request = readDialogRequest(window.location.search);
  if (request === undefined) {
    answer(
      signInFailed('bad_request', 'The sign-in page was opened without a valid request'),
      'Richiesta di accesso non valida. / Invalid sign-in request.',
    );
    return;
  }
  await signInInDialog(request);
}

main().catch(fail);
