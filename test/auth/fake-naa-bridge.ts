/**
 * A fake Office host for nested app authentication: what Outlook puts on `window.nestedAppAuthBridge`.
 *
 * The wire shape is msal-browser's own (node_modules/@azure/msal-browser/dist/naa/BridgeProxy.mjs and
 * naa/mapping/NestedAppAuthAdapter.mjs): MSAL posts JSON strings
 * `{ messageType: "NestedAppAuthRequest", method, requestId, tokenParams? }` with `method` one of
 * `GetInitContext`, `GetToken` (silent) and `GetTokenPopup` (interactive), and listens for "message" events
 * whose data is a JSON response `{ messageType: "NestedAppAuthResponse", requestId, success, ... }`:
 * `initContext` for GetInitContext, `token` + `account` for the token methods, or `error: { status, code,
 * description }` (status: USER_INTERACTION_REQUIRED, USER_CANCEL, …) when `success` is false.
 *
 * The host answers asynchronously, as the real one does, and records every request so tests can assert what
 * MSAL asked for (scopes, claims, forceRefresh). No `any`, no network.
 */

export interface FakeAccount {
  readonly username: string;
  readonly name: string;
  readonly tenantId: string;
  readonly objectId: string;
}

/** The token parameters MSAL sends (NestedAppAuthAdapter.toNaaTokenRequest). */
export interface NaaTokenParams {
  readonly clientId: string;
  readonly scope: string;
  readonly claims?: string;
  readonly forceRefresh?: boolean;
  readonly correlationId?: string;
}

export interface NaaRequest {
  readonly method: 'GetInitContext' | 'GetToken' | 'GetTokenPopup' | string;
  readonly requestId: string;
  readonly tokenParams?: NaaTokenParams;
}

export type NaaErrorStatus =
  | 'USER_INTERACTION_REQUIRED'
  | 'USER_CANCEL'
  | 'NO_NETWORK'
  | 'TRANSIENT_ERROR'
  | 'PERSISTENT_ERROR'
  | 'DISABLED'
  | 'ACCOUNT_UNAVAILABLE'
  | 'NESTED_APP_AUTH_UNAVAILABLE';

/** What the host answers to one token request: a token (with its lifetime) or an error. */
export type TokenReply =
  | { readonly accessToken: string; readonly expiresInSeconds?: number }
  | { readonly error: NaaErrorStatus; readonly code?: string; readonly description?: string };

export interface FakeBridgeOptions {
  readonly account: FakeAccount;
  /**
   * Decides the answer to each token request. Default: a fresh token `at-<n>` valid for an hour, where n
   * counts the token requests answered so far.
   */
  readonly reply?: (
    request: NaaRequest & { readonly tokenParams: NaaTokenParams },
    count: number,
  ) => TokenReply;
  /** `false`: never answer GetInitContext (a host whose bridge hangs). */
  readonly answersInit?: boolean;
}

export interface FakeBridge {
  /** Every request MSAL posted, in order. */
  readonly requests: NaaRequest[];
  /** Only the token requests (GetToken and GetTokenPopup). */
  tokenRequests(): NaaRequest[];
  uninstall(): void;
}

type Listener = (event: { data: string } | string) => void;

interface BridgeWindow {
  nestedAppAuthBridge?: {
    addEventListener(type: 'message', listener: Listener): void;
    removeEventListener(type: 'message', listener: Listener): void;
    postMessage(message: string): void;
  };
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** An unsigned id token MSAL can decode (it never verifies the signature: the host already did). */
export function fakeIdToken(account: FakeAccount, clientId: string, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      aud: clientId,
      iss: `https://login.microsoftonline.com/${account.tenantId}/v2.0`,
      tid: account.tenantId,
      oid: account.objectId,
      sub: account.objectId,
      preferred_username: account.username,
      name: account.name,
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + 3600,
    }),
  );
  return `${header}.${payload}.`;
}

/** Installs the fake host on `window.nestedAppAuthBridge`; `uninstall()` removes it. */
export function installFakeNaaBridge(options: FakeBridgeOptions): FakeBridge {
  const target = window as unknown as BridgeWindow;
  const listeners = new Set<Listener>();
  const requests: NaaRequest[] = [];
  let tokenCount = 0;
  const { account } = options;
  const homeAccountId = `${account.objectId}.${account.tenantId}`;
  const environment = 'login.microsoftonline.com';

  const answer = (response: Record<string, unknown>): void => {
    const data = JSON.stringify({ messageType: 'NestedAppAuthResponse', ...response });
    // The real host answers from another task, never synchronously inside postMessage.
    setTimeout(() => listeners.forEach((listener) => listener({ data })), 0);
  };

  const respond = (request: NaaRequest): void => {
    if (request.method === 'GetInitContext') {
      if (options.answersInit === false) return;
      answer({
        requestId: request.requestId,
        success: true,
        initContext: {
          sdkName: 'fake-outlook-host',
          sdkVersion: '1.0.0',
          accountContext: { homeAccountId, environment, tenantId: account.tenantId },
          capabilities: { queryAccount: false },
        },
      });
      return;
    }
    if (
      (request.method === 'GetToken' || request.method === 'GetTokenPopup') &&
      request.tokenParams !== undefined
    ) {
      tokenCount += 1;
      const params = request.tokenParams;
      const reply = options.reply?.({ ...request, tokenParams: params }, tokenCount) ?? {
        accessToken: `at-${tokenCount}`,
      };
      if ('error' in reply) {
        answer({
          requestId: request.requestId,
          success: false,
          error: {
            status: reply.error,
            code: reply.code ?? 'fake_error',
            description: reply.description ?? 'refused by the fake host',
          },
        });
        return;
      }
      const nowSeconds = Math.round(Date.now() / 1000);
      answer({
        requestId: request.requestId,
        success: true,
        token: {
          access_token: reply.accessToken,
          id_token: fakeIdToken(account, params.clientId, nowSeconds),
          expires_in: reply.expiresInSeconds ?? 3600,
          scope: params.scope,
        },
        account: {
          homeAccountId,
          environment,
          tenantId: account.tenantId,
          username: account.username,
          localAccountId: account.objectId,
          name: account.name,
        },
      });
      return;
    }
    answer({
      requestId: request.requestId,
      success: false,
      error: { status: 'PERSISTENT_ERROR', code: 'unsupported_method', description: request.method },
    });
  };

  target.nestedAppAuthBridge = {
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    postMessage: (message) => {
      const request = JSON.parse(message) as NaaRequest;
      requests.push(request);
      respond(request);
    },
  };

  return {
    requests,
    tokenRequests: () => requests.filter((r) => r.method === 'GetToken' || r.method === 'GetTokenPopup'),
    uninstall: () => {
      delete target.nestedAppAuthBridge;
      listeners.clear();
    },
  };
}
