/**
 * @jest-environment ./test/jest-environment-jsdom-node.ts
 *
 * Choosing the token providers from the configuration, and the enabled-user rule applied to whoever signed
 * in — the check the send path makes before every job (src/domain/enabled-user.ts).
 */
import { createAuth } from '../../src/auth/create-auth';
import { resolveConfig } from '../../src/config/resolve-config';
import type { AppConfig } from '../../src/config/settings';
import { assertMayAct } from '../../src/domain/enabled-user';
import { installFakeNaaBridge, type FakeBridge } from './fake-naa-bridge';

const CLIENT_ID = '0f2e6f4c-3b6a-4a49-9d1e-6f1c2f3a4b5c';
const ERP_SCOPE = 'api://erp.rossi-spa.it/Reminders.ReadWrite';
const SETUP = { enabledUsers: ['crediti@rossi-spa.it'], administrators: ['amministratore@rossi-spa.it'] };

const msalConfig = (overrides: Record<string, string> = {}): AppConfig =>
  resolveConfig({
    build: {
      production: true,
      env: { AAD_CLIENT_ID: CLIENT_ID, ERP_SCOPE, ERP_BASE_URL: 'https://erp.rossi-spa.it', ...overrides },
    },
  }).config;
const devConfig = (overrides: Record<string, string> = {}): AppConfig =>
  resolveConfig({ build: { production: false, env: overrides } }).config;

let bridge: FakeBridge | undefined;
afterEach(() => {
  bridge?.uninstall();
  bridge = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

describe('AUTH_MODE=dev (development builds)', () => {
  it('asks the dev identity provider of each server for a token for its audience', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    const fakeFetch = jest.fn(async (input: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ access_token: `dev-${calls.length}`, expires_in: 3600 }), {
        status: 200,
      });
    });
    const auth = createAuth(devConfig(), { fetch: fakeFetch, officeProfile: () => undefined });
    expect(auth.mode).toBe('dev');
    await expect(auth.graph.getToken()).resolves.toBe('dev-1');
    await expect(auth.erp.getToken()).resolves.toBe('dev-2');
    expect(calls).toEqual([
      {
        url: 'http://localhost:4200/dev/token',
        body: { user: 'marta.rossi@solleciti.example', audience: 'graph' },
      },
      {
        url: 'http://localhost:4100/dev/token',
        body: { user: 'marta.rossi@solleciti.example', audience: 'erp' },
      },
    ]);
    await expect(auth.signIn()).resolves.toEqual({ username: 'marta.rossi@solleciti.example' });
    expect(auth.identifiers()).toEqual({ userPrincipalName: 'marta.rossi@solleciti.example' });
  });

  it('cannot be created for a production build', () => {
    expect(() => createAuth(devConfig(), { production: true })).toThrow(
      'AUTH_MODE=dev is refused in a production build',
    );
  });
});

describe('the static ERP key', () => {
  it('is used for the ERP, with the warning flag, while Graph still uses Entra ID', async () => {
    const auth = createAuth(msalConfig({ ERP_STATIC_KEY: 'k-123' }), {
      origin: 'https://addin.rossi-spa.it',
      officeProfile: () => undefined,
    });
    expect(auth.erpUsesStaticKey).toBe(true);
    await expect(auth.erp.getToken()).resolves.toBe('k-123');
    expect(auth.erp.description).toBe('static key');
    expect(auth.graph.description).toBe('Microsoft Graph (Entra ID)');
  });
});

describe('AUTH_MODE=msal', () => {
  it('gets Graph and ERP tokens from the host bridge, one MSAL instance for both', async () => {
    bridge = installFakeNaaBridge({
      account: {
        username: 'crediti@rossispa.onmicrosoft.com',
        name: 'Ufficio Crediti',
        tenantId: '7d2f1e3a-1111-4a4a-9b9b-123456789abc',
        objectId: '5a5a5a5a-2222-4b4b-8c8c-abcdefabcdef',
      },
      reply: (request, count) => ({
        accessToken: request.tokenParams.scope.includes(ERP_SCOPE) ? `erp-${count}` : `graph-${count}`,
      }),
    });
    const auth = createAuth(msalConfig(), {
      origin: 'https://addin.rossi-spa.it',
      officeProfile: () => ({ emailAddress: 'crediti@rossi-spa.it', displayName: 'Ufficio Crediti' }),
    });
    expect(auth.mode).toBe('msal');
    await expect(auth.graph.getToken()).resolves.toBe('graph-1');
    await expect(auth.erp.getToken()).resolves.toBe('erp-2');
    expect(auth.msal?.flow()).toBe('nested');
    expect(auth.identifiers()).toEqual({
      primaryAddress: 'crediti@rossi-spa.it',
      userPrincipalName: 'crediti@rossispa.onmicrosoft.com',
    });
  });
});

describe('the enabled-user rule on the signed-in account', () => {
  it('refuses a user who is not enabled, naming the administrators who can change it', async () => {
    bridge = installFakeNaaBridge({
      account: {
        username: 'estraneo@rossispa.onmicrosoft.com',
        name: 'Estraneo',
        tenantId: '7d2f1e3a-1111-4a4a-9b9b-123456789abc',
        objectId: '6b6b6b6b-2222-4b4b-8c8c-abcdefabcdef',
      },
    });
    const auth = createAuth(msalConfig(), {
      origin: 'https://addin.rossi-spa.it',
      officeProfile: () => ({ emailAddress: 'estraneo@rossi-spa.it', displayName: 'Estraneo' }),
    });
    await auth.signIn();
    expect(assertMayAct(SETUP, auth.identifiers())).toEqual({
      ok: false,
      error: {
        reason: 'not_enabled',
        account: 'estraneo@rossi-spa.it',
        administrators: ['amministratore@rossi-spa.it'],
      },
    });
  });

  it('lets an enabled user act when only the Office primary address is listed (the UPN differs)', async () => {
    bridge = installFakeNaaBridge({
      account: {
        username: 'crediti@rossispa.onmicrosoft.com',
        name: 'Ufficio Crediti',
        tenantId: '7d2f1e3a-1111-4a4a-9b9b-123456789abc',
        objectId: '5a5a5a5a-2222-4b4b-8c8c-abcdefabcdef',
      },
    });
    const auth = createAuth(msalConfig(), {
      origin: 'https://addin.rossi-spa.it',
      officeProfile: () => ({ emailAddress: 'Crediti@Rossi-SpA.it', displayName: 'Ufficio Crediti' }),
    });
    await auth.signIn();
    expect(assertMayAct(SETUP, auth.identifiers()).ok).toBe(true);
  });

  it('refuses before anyone has signed in (outside Office, no account yet)', () => {
    const auth = createAuth(msalConfig(), {
      origin: 'https://addin.rossi-spa.it',
      officeProfile: () => undefined,
    });
    expect(assertMayAct(SETUP, auth.identifiers())).toEqual({
      ok: false,
      error: { reason: 'not_signed_in' },
    });
  });
});

describe('an incomplete msal configuration', () => {
  it('fails each request with not_configured, naming the setting, without starting MSAL', async () => {
    const loadMsal = jest.fn();
    const config = resolveConfig({ build: { production: true, env: {} } }).config;
    const auth = createAuth(config, {
      origin: 'https://addin.rossi-spa.it',
      officeProfile: () => undefined,
      loadMsal,
    });
    await expect(auth.graph.getToken()).rejects.toMatchObject({
      name: 'SignInError',
      code: 'not_configured',
      message: 'AAD_CLIENT_ID is not set: set it in Impostazioni › Connessione',
    });
    const noScope = createAuth(
      resolveConfig({ build: { production: true, env: { AAD_CLIENT_ID: CLIENT_ID } } }).config,
      {
        origin: 'https://addin.rossi-spa.it',
        officeProfile: () => undefined,
        loadMsal,
      },
    );
    await expect(noScope.erp.getToken()).rejects.toMatchObject({
      code: 'not_configured',
      detail: 'ERP_SCOPE',
    });
    expect(loadMsal).not.toHaveBeenCalled();
  });
});
