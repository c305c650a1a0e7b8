/**
 * Sign-in with MSAL (docs/rules.md §5): one MSAL instance for the pane, one `TokenProvider` per API on top of it.
 *
 *  - Nested app authentication when the host offers the bridge (`window.nestedAppAuthBridge`, new Outlook,
 *    Outlook on the web, recent classic Outlook): `createNestablePublicClientApplication` talks to the host,
 *    which signs the user in with its own account — no popup, no redirect page.
 *  - Otherwise MSAL's standard browser flow (the same factory falls back to it by itself).
 *  - Each token: `acquireTokenSilent` first (MSAL's cache, refreshed by MSAL when the token is about to
 *    expire), then `acquireTokenPopup`; if the browser blocks the popup, the Office dialog (`InteractiveSignIn`).
 *  - Claims challenges: `getTokenWithClaims(claims)` skips the cache and asks with the claims.
 *
 * Tokens stay in MSAL's cache. The only copy outside it is a token returned by the Office dialog, held in
 * memory until five minutes before it expires, never stored, never logged.
 *
 * `@azure/msal-browser` is loaded with a dynamic `import()` on the first token request, so the first screen
 * of the pane does not download it.
 */
import type * as Msal from '@azure/msal-browser';
import type { SignedInAccount } from './account';
import type { ClaimsAwareTokenProvider } from './claims';
import type { InteractiveSignIn } from './dialog-sign-in';
import { raceAbort, SignInError } from './errors';
import { messageOf } from '../domain/message-of';

type MsalModule = typeof Msal;

export type MsalFlow = 'nested' | 'standard';

export interface MsalAuthOptions {
  readonly clientId: string;
  readonly authority: string;
  /** Where MSAL's popup lands: the add-in's `dialog.html`, which relays the answer to the pane. */
  readonly redirectUri: string;
  /** Where the browser blocks the popup: the Office dialog (undefined outside Office). */
  readonly dialog?: InteractiveSignIn;
  /** The user's address, to preselect the account in interactive sign-in (Office `userProfile`). */
  readonly loginHint?: () => string | undefined;
  /** Loads msal-browser; a dynamic import by default. */
  readonly loadMsal?: () => Promise<MsalModule>;
  /** Epoch milliseconds; injectable so tests can age the dialog's tokens. */
  readonly now?: () => number;
  /** How long a host's bridge may take to answer MSAL's first message before the standard flow is used. */
  readonly bridgeTimeoutMs?: number;
}

export interface TokenProviderOptions {
  /** Shown in settings and errors. Default: the scopes. */
  readonly description?: string;
  /**
   * False for background work (the outbox worker): never open a popup or a dialog, fail with
   * `SignInError('interaction_required')` instead, and let the pane ask the user. Default true.
   */
  readonly interactive?: boolean;
}

export interface MsalAuth {
  /** A token provider for one API's scopes (MSAL cannot mix resources in one token). */
  provider(scopes: readonly string[], options?: TokenProviderOptions): ClaimsAwareTokenProvider;
  /** Signs in (silently when it can) for these scopes and returns the account. */
  signIn(scopes: readonly string[]): Promise<SignedInAccount>;
  /** The signed-in account, once a token has been obtained. */
  account(): SignedInAccount | undefined;
  /** `nested` or `standard` once MSAL has started; undefined before the first token request. */
  flow(): MsalFlow | undefined;
}

/** A dialog token is used until this long before it expires (MSAL's own renewal offset is the same). */
const RENEWAL_MARGIN_MS = 5 * 60_000;
const DEFAULT_BRIDGE_TIMEOUT_MS = 10_000;

const POPUP_BLOCKED = new Set(['popup_window_error', 'empty_window_error']);
const CANCELLED = new Set(['user_cancelled', 'user_canceled', 'access_denied']);
const NETWORK = new Set([
  'no_network_connectivity',
  'post_request_failed',
  'get_request_failed',
  'endpoints_resolution_error',
]);
const CONFIGURATION = new Set([
  'invalid_client',
  'unauthorized_client',
  'invalid_authority',
  'url_parse_error',
  'empty_url_error',
  'authority_uri_insecure',
]);

const loadMsalModule = (): Promise<MsalModule> =>
  import(/* webpackChunkName: "msal" */ '@azure/msal-browser');

interface BridgeWindow {
  nestedAppAuthBridge?: unknown;
  __initializeNestedAppAuth?: unknown;
}

function hostMayHaveBridge(): boolean {
  if (typeof window === 'undefined') return false;
  const candidate = window as unknown as BridgeWindow;
  return (
    candidate.nestedAppAuthBridge !== undefined || typeof candidate.__initializeNestedAppAuth === 'function'
  );
}

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errorCode?: unknown }).errorCode;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function toAccount(info: Msal.AccountInfo): SignedInAccount {
  return {
    username: info.username,
    ...(info.name !== undefined && info.name !== '' ? { name: info.name } : {}),
    ...(info.homeAccountId !== '' ? { homeAccountId: info.homeAccountId } : {}),
    ...(info.tenantId !== '' ? { tenantId: info.tenantId } : {}),
  };
}

/** An MSAL failure as a `SignInError` the pane can explain. Never includes a token. */
function toSignInError(error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  const code = errorCodeOf(error);
  const message = messageOf(error);
  if (code !== undefined && CANCELLED.has(code))
    return new SignInError('cancelled', 'Sign-in was cancelled', code, { cause: error });
  if (code !== undefined && NETWORK.has(code))
    return new SignInError('network', 'Entra ID could not be reached: check the connection', code, {
      cause: error,
    });
  if (code !== undefined && CONFIGURATION.has(code)) {
    return new SignInError(
      'not_configured',
      `Sign-in is not configured correctly (${code}): check AAD_CLIENT_ID and AAD_AUTHORITY`,
      code,
      { cause: error },
    );
  }
  return new SignInError('failed', `Sign-in failed: ${message}`, code, { cause: error });
}

interface HeldToken {
  readonly accessToken: string;
  readonly expiresOn: number;
}

/** Creates the pane's MSAL sign-in. Nothing is loaded or contacted until the first token request. */
export function createMsalAuth(options: MsalAuthOptions): MsalAuth {
  const loadMsal = options.loadMsal ?? loadMsalModule;
  const now = options.now ?? Date.now;
  const bridgeTimeoutMs = options.bridgeTimeoutMs ?? DEFAULT_BRIDGE_TIMEOUT_MS;

  let started: Promise<{ msal: MsalModule; client: Msal.IPublicClientApplication }> | undefined;
  let flow: MsalFlow | undefined;
  let lastAccount: SignedInAccount | undefined;
  /** Tokens from the Office dialog, by scope set: MSAL's cache does not have them. */
  const held = new Map<string, HeldToken>();
  /** One interactive sign-in at a time: MSAL refuses a second (`interaction_in_progress`), and two windows confuse users. */
  let interactiveQueue: Promise<unknown> = Promise.resolve();

  const configuration = (msal: MsalModule): Msal.Configuration => ({
    auth: {
      clientId: options.clientId,
      authority: options.authority,
      redirectUri: options.redirectUri,
      // We answer claims challenges: Entra ID may then issue CAE tokens and revoke them with a challenge.
      clientCapabilities: ['CP1'],
    },
    // Shared with the dialog page (same origin), and kept across pane restarts so the pane opens signed in.
    cache: { cacheLocation: 'localStorage' },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: msal.LogLevel.Error,
        loggerCallback: () => undefined,
      },
    },
  });

  async function start(): Promise<{ msal: MsalModule; client: Msal.IPublicClientApplication }> {
    const msal = await loadMsal();
    const config = configuration(msal);
    let nested = false;
    const nestable = msal.createNestablePublicClientApplication(config, undefined, (c, controller) => {
      // MSAL calls this factory only when the host's bridge answered: the nested (NAA) path.
      nested = true;
      return new msal.PublicClientApplication(c, controller);
    });
    // If the bridge answers only after the timeout below, or fails then, nobody is waiting any more.
    nestable.catch(() => undefined);
    let client: Msal.IPublicClientApplication | undefined;
    if (hostMayHaveBridge()) {
      // A bridge that never answers would hang MSAL's start-up forever: after the timeout, the standard flow.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), bridgeTimeoutMs);
      });
      client = await Promise.race([nestable, timeout]);
      clearTimeout(timer);
      if (client === undefined) nested = false;
    } else {
      client = await nestable;
    }
    if (client === undefined) client = await msal.createStandardPublicClientApplication(config);
    flow = nested ? 'nested' : 'standard';
    return { msal, client };
  }

  function ensureStarted(): Promise<{ msal: MsalModule; client: Msal.IPublicClientApplication }> {
    if (started === undefined) {
      started = start().catch((error: unknown) => {
        started = undefined;
        throw toSignInError(error);
      });
    }
    return started;
  }

  function cachedAccount(client: Msal.IPublicClientApplication): Msal.AccountInfo | undefined {
    const active = client.getActiveAccount();
    if (active !== null) return active;
    const all = client.getAllAccounts();
    if (lastAccount?.homeAccountId !== undefined) {
      const same = all.find((account) => account.homeAccountId === lastAccount?.homeAccountId);
      if (same !== undefined) return same;
    }
    return all.length === 1 ? all[0] : undefined;
  }

  function remember(client: Msal.IPublicClientApplication, result: Msal.AuthenticationResult): string {
    if (result.account !== null) {
      lastAccount = toAccount(result.account);
      // In the nested flow the host owns the account; setting it is harmless there and needed for the standard flow.
      client.setActiveAccount(result.account);
    }
    return result.accessToken;
  }

  function serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = interactiveQueue.then(task, task);
    interactiveQueue = run.catch(() => undefined);
    return run;
  }

  async function acquire(
    scopes: readonly string[],
    request: { readonly claims?: string; readonly forceRefresh?: boolean; readonly interactive: boolean },
  ): Promise<string> {
    const { msal, client } = await ensureStarted();
    const key = scopes.join(' ');
    const heldToken = held.get(key);
    if (heldToken !== undefined && request.claims === undefined && request.forceRefresh !== true) {
      if (now() < heldToken.expiresOn - RENEWAL_MARGIN_MS) return heldToken.accessToken;
      held.delete(key);
    }

    const account = cachedAccount(client);
    // The nested flow needs no account: the host knows who is signed in. The standard flow without a cached
    // account has nothing to be silent with.
    if (flow === 'nested' || account !== undefined) {
      try {
        const result = await client.acquireTokenSilent({
          scopes: [...scopes],
          ...(account !== undefined ? { account } : {}),
          ...(request.claims !== undefined ? { claims: request.claims } : {}),
          ...(request.forceRefresh === true ? { forceRefresh: true } : {}),
        });
        return remember(client, result);
      } catch (error) {
        const code = errorCodeOf(error);
        if (code !== undefined && NETWORK.has(code)) throw toSignInError(error);
        // Anything else (interaction required, consent, expired refresh token, no cached token) needs the user.
        if (!(error instanceof msal.AuthError)) throw toSignInError(error);
      }
    }
    if (!request.interactive) {
      throw new SignInError('interaction_required', 'Sign-in needed: open the Solleciti pane and sign in');
    }
    return serialise(async () => {
      const loginHint = account?.username ?? options.loginHint?.();
      try {
        const result = await client.acquireTokenPopup({
          scopes: [...scopes],
          ...(account !== undefined ? { account } : {}),
          ...(loginHint !== undefined && loginHint !== '' ? { loginHint } : {}),
          ...(request.claims !== undefined ? { claims: request.claims } : {}),
        });
        return remember(client, result);
      } catch (error) {
        const code = errorCodeOf(error);
        if (code === undefined || !POPUP_BLOCKED.has(code)) throw toSignInError(error);
        if (options.dialog === undefined) {
          throw new SignInError(
            'popup_blocked',
            'The browser blocked the sign-in window: allow pop-ups for this site and try again',
            code,
            { cause: error },
          );
        }
        const viaDialog = await options.dialog.signIn({
          scopes,
          ...(request.claims !== undefined ? { claims: request.claims } : {}),
          ...(loginHint !== undefined && loginHint !== '' ? { loginHint } : {}),
        });
        held.set(key, { accessToken: viaDialog.accessToken, expiresOn: viaDialog.expiresOn });
        lastAccount = viaDialog.account;
        return viaDialog.accessToken;
      }
    });
  }

  return {
    provider(scopes, providerOptions = {}) {
      if (scopes.length === 0) throw new Error('A token provider needs at least one scope');
      const frozen = [...scopes];
      const interactive = providerOptions.interactive ?? true;
      let forceRefreshNext = false;
      let inflight: Promise<string> | undefined;
      return {
        description: providerOptions.description ?? `Entra ID (${frozen.join(' ')})`,
        getToken(signal) {
          if (inflight === undefined) {
            const forceRefresh = forceRefreshNext;
            forceRefreshNext = false;
            inflight = acquire(frozen, { forceRefresh, interactive }).finally(() => {
              inflight = undefined;
            });
          }
          return raceAbort(inflight, signal);
        },
        getTokenWithClaims(claims, signal) {
          return raceAbort(acquire(frozen, { claims, interactive }), signal);
        },
        invalidate() {
          // MSAL keeps the token: ask it to skip its cache next time. A dialog token is simply dropped.
          forceRefreshNext = true;
          held.delete(frozen.join(' '));
        },
      };
    },
    async signIn(scopes) {
      await acquire(scopes, { interactive: true });
      if (lastAccount === undefined)
        throw new SignInError('failed', 'Signed in, but MSAL returned no account');
      return lastAccount;
    },
    account: () => lastAccount,
    flow: () => flow,
  };
}
