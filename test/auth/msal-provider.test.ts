/**
 * @jest-environment ./test/jest-environment-jsdom-node.ts
 *
 * The MSAL token providers against MSAL's real code. With a fake Office host on
 * `window.nestedAppAuthBridge` (./fake-naa-bridge.ts) MSAL takes its real nested-app-auth path; without
 * one it takes its real standard path, where jsdom's `window.open` gives no window — exactly what MSAL sees
 * when a browser blocks the popup — so the Office-dialog fallback runs. Nothing here touches the network.
 */
import { claimsFromWwwAuthenticate, fetchWithToken } from '../../src/auth/claims';
import type { InteractiveSignIn, InteractiveSignInRequest } from '../../src/auth/dialog-sign-in';
import { SignInError } from '../../src/auth/errors';
import { createMsalAuth, type MsalAuthOptions } from '../../src/auth/msal-provider';
import { GRAPH_SCOPES } from '../../src/config/settings';
import { installFakeNaaBridge, type FakeBridge, type TokenReply } from './fake-naa-bridge';

const CLIENT_ID = '0f2e6f4c-3b6a-4a49-9d1e-6f1c2f3a4b5c';
const MARTA = {
  username: 'marta.rossi@rossi-spa.it',
  name: 'Marta Rossi',
  tenantId: '7d2f1e3a-1111-4a4a-9b9b-123456789abc',
  objectId: '5a5a5a5a-2222-4b4b-8c8c-abcdefabcdef',
};
const ERP_SCOPE = 'api://erp.rossi-spa.it/Reminders.ReadWrite';

const options = (extra: Partial<MsalAuthOptions> = {}): MsalAuthOptions => ({
  clientId: CLIENT_ID,
  authority: 'https://login.microsoftonline.com/common',
  redirectUri: 'http://localhost/dialog.html',
  ...extra,
});

let bridge: FakeBridge | undefined;

function useBridge(
  reply?: (
    request: { method: string; tokenParams: { scope: string; claims?: string; forceRefresh?: boolean } },
    count: number,
  ) => TokenReply,
): FakeBridge {
  bridge = installFakeNaaBridge({ account: MARTA, ...(reply !== undefined ? { reply } : {}) });
  return bridge;
}

afterEach(() => {
  bridge?.uninstall();
  bridge = undefined;
  localStorage.clear();
  sessionStorage.clear();
  document.cookie.split(';').forEach((cookie) => {
    document.cookie = `${cookie.split('=')[0]?.trim() ?? ''}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('nested app authentication (the host offers the bridge)', () => {
  it("returns the host's token through MSAL's real NAA path, and exposes the account", async () => {
    const host = useBridge();
    const auth = createMsalAuth(options());
    const graph = auth.provider(GRAPH_SCOPES);
    expect(auth.flow()).toBeUndefined(); // nothing loaded before the first request
    await expect(graph.getToken()).resolves.toBe('at-1');
    expect(auth.flow()).toBe('nested');
    expect(auth.account()).toMatchObject({
      username: 'marta.rossi@rossi-spa.it',
      name: 'Marta Rossi',
      tenantId: MARTA.tenantId,
    });
    expect(host.requests.map((r) => r.method)).toEqual(['GetInitContext', 'GetToken']);
    const params = host.tokenRequests()[0]?.tokenParams;
    expect(params?.clientId).toBe(CLIENT_ID);
    expect(params?.scope.split(' ')).toEqual(
      expect.arrayContaining(['Mail.ReadWrite', 'Mail.Send', 'User.Read']),
    );
  });

  it("serves the second request from MSAL's cache", async () => {
    const host = useBridge();
    const graph = createMsalAuth(options()).provider(GRAPH_SCOPES);
    await graph.getToken();
    await expect(graph.getToken()).resolves.toBe('at-1');
    expect(host.tokenRequests()).toHaveLength(1);
  });

  it('asks for each API separately on the same MSAL instance', async () => {
    const host = useBridge((request, count) => ({
      accessToken: request.tokenParams.scope.includes(ERP_SCOPE) ? `erp-${count}` : `graph-${count}`,
    }));
    const auth = createMsalAuth(options());
    await expect(auth.provider(GRAPH_SCOPES).getToken()).resolves.toBe('graph-1');
    await expect(auth.provider([ERP_SCOPE]).getToken()).resolves.toBe('erp-2');
    expect(host.requests.filter((r) => r.method === 'GetInitContext')).toHaveLength(1);
  });

  it('gets a new token once the cached one has expired', async () => {
    jest.useFakeTimers({
      now: new Date('2026-03-16T08:00:00Z'),
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'setImmediate',
        'clearImmediate',
        'nextTick',
        'queueMicrotask',
      ],
    });
    const host = useBridge((_request, count) => ({ accessToken: `at-${count}`, expiresInSeconds: 3600 }));
    const graph = createMsalAuth(options()).provider(GRAPH_SCOPES);
    await expect(graph.getToken()).resolves.toBe('at-1');
    jest.setSystemTime(new Date('2026-03-16T08:50:00Z')); // 10 minutes left: still good
    await expect(graph.getToken()).resolves.toBe('at-1');
    jest.setSystemTime(new Date('2026-03-16T08:56:00Z')); // inside MSAL's 5-minute renewal window
    await expect(graph.getToken()).resolves.toBe('at-2');
    jest.setSystemTime(new Date('2026-03-16T11:00:00Z')); // long expired
    await expect(graph.getToken()).resolves.toBe('at-3');
    expect(host.tokenRequests().map((r) => r.method)).toEqual(['GetToken', 'GetToken', 'GetToken']);
  });

  it('skips the cache after invalidate() (the API answered 401)', async () => {
    const host = useBridge();
    const graph = createMsalAuth(options()).provider(GRAPH_SCOPES);
    await graph.getToken();
    graph.invalidate();
    await expect(graph.getToken()).resolves.toBe('at-2');
    expect(host.tokenRequests()[1]?.tokenParams?.forceRefresh).toBe(true);
    await expect(graph.getToken()).resolves.toBe('at-2'); // and back to the cache after that
  });

  it('falls back to the interactive request when the host needs the user', async () => {
    const host = useBridge((request, count) =>
      request.method === 'GetToken'
        ? { error: 'USER_INTERACTION_REQUIRED', code: 'consent_required' }
        : { accessToken: `interactive-${count}` },
    );
    const graph = createMsalAuth(options()).provider(GRAPH_SCOPES);
    await expect(graph.getToken()).resolves.toBe('interactive-2');
    expect(host.tokenRequests().map((r) => r.method)).toEqual(['GetToken', 'GetTokenPopup']);
  });

  it('never prompts from a background provider: interaction_required instead', async () => {
    const host = useBridge(() => ({ error: 'USER_INTERACTION_REQUIRED' }));
    const background = createMsalAuth(options()).provider(GRAPH_SCOPES, { interactive: false });
    await expect(background.getToken()).rejects.toMatchObject({
      name: 'SignInError',
      code: 'interaction_required',
    });
    expect(host.tokenRequests().map((r) => r.method)).toEqual(['GetToken']);
  });

  it('reports a cancelled sign-in as cancelled', async () => {
    useBridge((request) =>
      request.method === 'GetToken' ? { error: 'USER_INTERACTION_REQUIRED' } : { error: 'USER_CANCEL' },
    );
    await expect(createMsalAuth(options()).provider(GRAPH_SCOPES).getToken()).rejects.toMatchObject({
      code: 'cancelled',
    });
  });

  it('answers a claims challenge: the 401 names the claims, MSAL asks the host with them, the request is retried once', async () => {
    const challenge = '{"access_token":{"nbf":{"essential":true,"value":"1773648000"}}}';
    // Every request carries our capability claim (CP1); only the challenged one carries `nbf`.
    const host = useBridge((request, count) => ({
      accessToken: request.tokenParams.claims?.includes('"nbf"') === true ? `claims-${count}` : `at-${count}`,
    }));
    const graph = createMsalAuth(options()).provider(GRAPH_SCOPES);
    const seen: string[] = [];
    const fakeGraph = jest.fn(
      async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        const authorization = new Headers(init?.headers).get('Authorization') ?? '';
        seen.push(authorization);
        if (authorization === 'Bearer at-1') {
          return new Response(null, {
            status: 401,
            headers: {
              'WWW-Authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${btoa(challenge)}"`,
            },
          });
        }
        return new Response('{}', { status: 200 });
      },
    );
    const response = await fetchWithToken(
      graph,
      'https://graph.microsoft.com/v1.0/me/messages',
      { method: 'POST', body: '{}' },
      fakeGraph,
    );
    expect(response.status).toBe(200);
    expect(seen).toEqual(['Bearer at-1', 'Bearer claims-2']);
    const sentClaims = JSON.parse(host.tokenRequests()[1]?.tokenParams?.claims ?? '{}') as {
      access_token: { nbf?: unknown; xms_cc?: unknown };
    };
    // MSAL merges our declared capability (CP1) into the claims it sends.
    expect(sentClaims.access_token.nbf).toEqual({ essential: true, value: '1773648000' });
    expect(sentClaims.access_token.xms_cc).toEqual({ values: ['CP1'] });
    expect(claimsFromWwwAuthenticate(`Bearer claims="${btoa(challenge)}"`)).toBe(challenge);
  });

  it('uses the standard flow when the bridge never answers', async () => {
    bridge = installFakeNaaBridge({ account: MARTA, answersInit: false });
    jest.spyOn(window, 'open').mockReturnValue(null);
    const dialog: InteractiveSignIn = {
      signIn: async () => ({
        accessToken: 'from-dialog',
        expiresOn: Date.now() + 3_600_000,
        account: { username: MARTA.username },
      }),
    };
    const auth = createMsalAuth(options({ bridgeTimeoutMs: 30, dialog }));
    await expect(auth.provider(GRAPH_SCOPES).getToken()).resolves.toBe('from-dialog');
    expect(auth.flow()).toBe('standard');
  });
});

describe('standard browser flow (no bridge)', () => {
  /** An Office dialog stand-in that records what it was asked. */
  function fakeDialog(now: () => number): InteractiveSignIn & { calls: InteractiveSignInRequest[] } {
    const calls: InteractiveSignInRequest[] = [];
    return {
      calls,
      signIn: async (request) => {
        calls.push(request);
        return {
          accessToken: `dialog-${calls.length}`,
          expiresOn: now() + 3_600_000,
          account: { username: 'marta.rossi@rossi-spa.it', name: 'Marta Rossi' },
        };
      },
    };
  }

  it('opens the Office dialog when the browser blocks the popup, and remembers the account', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    let clock = Date.parse('2026-03-16T08:00:00Z');
    const now = (): number => clock;
    const dialog = fakeDialog(now);
    const auth = createMsalAuth(options({ dialog, now, loginHint: () => 'marta.rossi@rossi-spa.it' }));
    const graph = auth.provider(GRAPH_SCOPES);
    await expect(graph.getToken()).resolves.toBe('dialog-1');
    expect(auth.flow()).toBe('standard');
    expect(open).toHaveBeenCalled(); // MSAL did try its popup first
    expect(dialog.calls).toEqual([{ scopes: GRAPH_SCOPES, loginHint: 'marta.rossi@rossi-spa.it' }]);
    expect(auth.account()).toEqual({ username: 'marta.rossi@rossi-spa.it', name: 'Marta Rossi' });

    // The dialog's token is used until five minutes before it expires, then the user is asked again.
    clock += 50 * 60_000;
    await expect(graph.getToken()).resolves.toBe('dialog-1');
    clock += 6 * 60_000;
    await expect(graph.getToken()).resolves.toBe('dialog-2');
    // invalidate() drops it at once.
    graph.invalidate();
    await expect(graph.getToken()).resolves.toBe('dialog-3');
  });

  it('opens a single dialog for concurrent requests', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    const dialog = fakeDialog(Date.now);
    const graph = createMsalAuth(options({ dialog })).provider(GRAPH_SCOPES);
    const tokens = await Promise.all([graph.getToken(), graph.getToken(), graph.getToken()]);
    expect(tokens).toEqual(['dialog-1', 'dialog-1', 'dialog-1']);
    expect(dialog.calls).toHaveLength(1);
  });

  it('passes a claims challenge to the dialog', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    const dialog = fakeDialog(Date.now);
    const graph = createMsalAuth(options({ dialog })).provider(GRAPH_SCOPES);
    await graph.getTokenWithClaims('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}');
    expect(dialog.calls[0]?.claims).toBe('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}');
  });

  it('says the popup was blocked when there is no Office dialog (a plain browser)', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    const failure = createMsalAuth(options()).provider(GRAPH_SCOPES).getToken();
    await expect(failure).rejects.toBeInstanceOf(SignInError);
    await expect(failure).rejects.toMatchObject({
      code: 'popup_blocked',
      detail: expect.stringMatching(/^(popup_window_error|empty_window_error)$/),
    });
  });

  it('passes on a dialog failure as the SignInError it is', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    const dialog: InteractiveSignIn = {
      signIn: () => Promise.reject(new SignInError('cancelled', 'The sign-in window was closed', '12006')),
    };
    await expect(createMsalAuth(options({ dialog })).provider(GRAPH_SCOPES).getToken()).rejects.toMatchObject(
      { code: 'cancelled' },
    );
  });

  it('stops waiting when the caller aborts', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    const dialog: InteractiveSignIn = { signIn: () => new Promise(() => undefined) };
    const controller = new AbortController();
    const waiting = createMsalAuth(options({ dialog })).provider(GRAPH_SCOPES).getToken(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
  });
});
