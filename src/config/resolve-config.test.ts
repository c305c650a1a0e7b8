import { redactedConfig, resolveConfig } from './resolve-config';
import type { BuildInfo } from './build-info';

const development: BuildInfo = { production: false, env: {} };
const production: BuildInfo = { production: true, env: {} };
const CLIENT_ID = '0f2e6f4c-3b6a-4a49-9d1e-6f1c2f3a4b5c';
/** A production build configured as docs/configuration.md says. */
const configuredProduction: BuildInfo = {
  production: true,
  env: {
    AAD_CLIENT_ID: CLIENT_ID,
    ERP_SCOPE: 'api://erp.rossi-spa.it/Reminders.ReadWrite',
    ERP_BASE_URL: 'https://erp.rossi-spa.it/api/',
  },
};

describe('defaults', () => {
  it('a development build uses the dev identity, the demo ERP and the Graph simulator', () => {
    const { config, problems, sources } = resolveConfig({ build: development });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      erpBaseUrl: 'http://localhost:4100',
      erpScope: '',
      graphBaseUrl: 'http://localhost:4200/v1.0',
      authMode: 'dev',
      aadClientId: '',
      aadAuthority: 'https://login.microsoftonline.com/common',
      devUser: 'marta.rossi@solleciti.example',
    });
    expect(sources.ERP_BASE_URL).toBe('default');
  });

  it('a production build uses MSAL and Microsoft Graph', () => {
    const { config } = resolveConfig({ build: configuredProduction });
    expect(config.authMode).toBe('msal');
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(config.erpBaseUrl).toBe('https://erp.rossi-spa.it/api');
    expect(config.erpScope).toBe('api://erp.rossi-spa.it/Reminders.ReadWrite');
  });
});

describe('AUTH_MODE=dev cannot be active in a production build', () => {
  it('refuses it from the build environment, and uses msal', () => {
    const { config, problems } = resolveConfig({
      build: { ...configuredProduction, env: { ...configuredProduction.env, AUTH_MODE: 'dev' } },
    });
    expect(config.authMode).toBe('msal');
    expect(problems).toEqual([
      {
        setting: 'AUTH_MODE',
        code: 'dev_auth_in_production',
        message:
          'AUTH_MODE is "dev", which a production build refuses (msal is used instead): the deployment sets it (an administrator changes it in the build, see docs/configuration.md)',
      },
    ]);
  });

  it('ignores it in the user settings (a deployment setting in a production build)', () => {
    const { config, problems, sources } = resolveConfig({
      build: configuredProduction,
      overrides: { AUTH_MODE: 'dev' },
    });
    expect(config.authMode).toBe('msal');
    expect(problems).toEqual([]);
    expect(sources.AUTH_MODE).toBe('default');
  });

  it('allows it in a development build, and lets a developer switch to msal', () => {
    expect(resolveConfig({ build: { production: false, env: { AUTH_MODE: 'dev' } } }).config.authMode).toBe(
      'dev',
    );
    expect(
      resolveConfig({
        build: development,
        overrides: { AUTH_MODE: 'msal', AAD_CLIENT_ID: CLIENT_ID, ERP_SCOPE: 'api://erp/x' },
      }).config.authMode,
    ).toBe('msal');
  });
});

describe('precedence', () => {
  it('the user override wins over the build value, which wins over the default', () => {
    const build: BuildInfo = {
      production: false,
      env: {
        ERP_BASE_URL: 'https://erp-build.example.it',
        GRAPH_BASE_URL: 'https://graph-build.example.it/v1.0',
      },
    };
    const { config, sources } = resolveConfig({
      build,
      overrides: { ERP_BASE_URL: ' https://erp-user.example.it/ ' },
    });
    expect(config.erpBaseUrl).toBe('https://erp-user.example.it');
    expect(config.graphBaseUrl).toBe('https://graph-build.example.it/v1.0');
    expect(sources).toMatchObject({
      ERP_BASE_URL: 'user',
      GRAPH_BASE_URL: 'build',
      AAD_AUTHORITY: 'default',
    });
  });

  it('an empty override means "not set"', () => {
    const { sources } = resolveConfig({
      build: { production: false, env: { ERP_BASE_URL: 'https://erp.example.it' } },
      overrides: { ERP_BASE_URL: '  ' },
    });
    expect(sources.ERP_BASE_URL).toBe('build');
  });
});

describe('validation names the setting and where to set it', () => {
  it('refuses an http ERP that is not on this machine: reported, and not used', () => {
    const { config, problems, sources } = resolveConfig({
      build: { production: false, env: { ERP_BASE_URL: 'https://erp-build.example.it' } },
      overrides: { ERP_BASE_URL: 'http://erp.rossi-spa.it' },
    });
    expect(problems).toEqual([
      {
        setting: 'ERP_BASE_URL',
        code: 'not_https',
        message:
          'ERP_BASE_URL is not an https URL ("http://erp.rossi-spa.it") and is refused (your value is ignored): set it in Impostazioni › Connessione',
      },
    ]);
    expect(config.erpBaseUrl).toBe('https://erp-build.example.it');
    expect(sources.ERP_BASE_URL).toBe('build');
  });

  it("refuses a user's http Graph that is not on this machine, and keeps the default", () => {
    const { config, problems } = resolveConfig({
      build: development,
      overrides: { GRAPH_BASE_URL: 'http://graph.evil.example/v1.0' },
    });
    expect(problems.map((p) => [p.setting, p.code])).toEqual([['GRAPH_BASE_URL', 'not_https']]);
    expect(config.graphBaseUrl).toBe('http://localhost:4200/v1.0');
  });

  it('accepts http on localhost and 127.0.0.1 (a secure context for browsers)', () => {
    for (const url of ['http://localhost:4100', 'http://127.0.0.1:4100/api']) {
      expect(resolveConfig({ build: development, overrides: { ERP_BASE_URL: url } }).problems).toEqual([]);
    }
  });

  it('refuses something that is not a URL, and keeps the default in its place', () => {
    const { config, problems } = resolveConfig({
      build: development,
      overrides: { GRAPH_BASE_URL: 'graph.microsoft.com' },
    });
    expect(problems.map((p) => [p.setting, p.code])).toEqual([['GRAPH_BASE_URL', 'not_a_url']]);
    expect(config.graphBaseUrl).toBe('http://localhost:4200/v1.0');
  });

  it('requires an https authority, even on localhost', () => {
    const { problems } = resolveConfig({
      build: configuredProduction,
      overrides: { AAD_AUTHORITY: 'http://localhost/common' },
    });
    expect(problems.map((p) => [p.setting, p.code])).toEqual([['AAD_AUTHORITY', 'not_https']]);
  });

  it('in msal mode, requires the client id (a GUID) and the ERP scope', () => {
    expect(resolveConfig({ build: production }).problems).toEqual([
      {
        setting: 'ERP_BASE_URL',
        code: 'missing',
        message:
          'ERP_BASE_URL is not set: the deployment sets it (an administrator changes it in the build, see docs/configuration.md)',
      },
      {
        setting: 'AAD_CLIENT_ID',
        code: 'missing',
        message:
          "AAD_CLIENT_ID is not set (the add-in's Entra ID application id): set it in Impostazioni › Connessione",
      },
      {
        setting: 'ERP_SCOPE',
        code: 'missing',
        message:
          "ERP_SCOPE is not set (the ERP API's scope, or set ERP_STATIC_KEY): set it in Impostazioni › Connessione",
      },
    ]);
    const wrong = resolveConfig({
      build: configuredProduction,
      overrides: { AAD_CLIENT_ID: 'solleciti', ERP_SCOPE: 'api://erp/a api://erp/b' },
    });
    expect(wrong.problems.map((p) => [p.setting, p.code])).toEqual([
      ['AAD_CLIENT_ID', 'not_a_guid'],
      ['ERP_SCOPE', 'invalid_value'],
    ]);
  });

  it('rejects an unknown AUTH_MODE', () => {
    const { config, problems } = resolveConfig({ build: development, overrides: { AUTH_MODE: 'saml' } });
    expect(config.authMode).toBe('dev');
    expect(problems[0]).toMatchObject({ setting: 'AUTH_MODE', code: 'invalid_value' });
  });

  it('in dev mode, requires DEV_USER to be an address', () => {
    expect(
      resolveConfig({ build: development, overrides: { DEV_USER: 'crediti' } }).problems.map((p) => p.code),
    ).toEqual(['not_an_address']);
  });
});

describe('the static ERP key', () => {
  it('replaces ERP_SCOPE and raises the warning flag', () => {
    const resolved = resolveConfig({
      build: {
        production: true,
        env: {
          AAD_CLIENT_ID: CLIENT_ID,
          ERP_BASE_URL: 'https://erp.example.it',
          ERP_STATIC_KEY: 's3cret-key',
        },
      },
    });
    expect(resolved.problems).toEqual([]);
    expect(resolved.staticKeyInUse).toBe(true);
    expect(resolved.config.erpStaticKey).toBe('s3cret-key');
    expect(resolved.config.erpScope).toBe('');
  });

  it('is off by default', () => {
    expect(resolveConfig({ build: configuredProduction }).staticKeyInUse).toBe(false);
    expect(resolveConfig({ build: configuredProduction }).config).not.toHaveProperty('erpStaticKey');
  });

  it('never appears in a redacted configuration', () => {
    const { config } = resolveConfig({ build: development, overrides: { ERP_STATIC_KEY: 's3cret-key' } });
    const redacted = redactedConfig(config);
    expect(JSON.stringify(redacted)).not.toContain('s3cret-key');
    expect(redacted.erpStaticKey).toBe('(set)');
  });
});

describe("a production build: where tokens go is the deployment's decision", () => {
  it("ignores a user's ERP, Graph, static key, auth mode and dev user", () => {
    const { config, problems, sources } = resolveConfig({
      build: configuredProduction,
      overrides: {
        ERP_BASE_URL: 'https://erp.evil.example',
        GRAPH_BASE_URL: 'https://graph.evil.example/v1.0',
        ERP_STATIC_KEY: 'guessed',
        AUTH_MODE: 'dev',
        DEV_USER: 'someone@else.example',
      },
    });
    expect(problems).toEqual([]);
    expect(config.erpBaseUrl).toBe('https://erp.rossi-spa.it/api');
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(config).not.toHaveProperty('erpStaticKey');
    expect(config.authMode).toBe('msal');
    expect(sources).toMatchObject({
      ERP_BASE_URL: 'build',
      GRAPH_BASE_URL: 'default',
      ERP_STATIC_KEY: 'default',
    });
  });

  it('still lets the user set the scope and the client id', () => {
    const { sources } = resolveConfig({
      build: configuredProduction,
      overrides: { ERP_SCOPE: 'api://erp/other' },
    });
    expect(sources.ERP_SCOPE).toBe('user');
  });

  it("refuses plain http even on localhost, and a Graph that is not Microsoft's", () => {
    const { config, problems } = resolveConfig({
      build: {
        production: true,
        env: {
          ...configuredProduction.env,
          ERP_BASE_URL: 'http://localhost:4100',
          GRAPH_BASE_URL: 'https://graph.evil.example/v1.0',
        },
      },
    });
    expect(problems.map((p) => [p.setting, p.code])).toEqual([
      ['ERP_BASE_URL', 'not_https'],
      ['GRAPH_BASE_URL', 'not_microsoft_graph'],
    ]);
    expect(config.erpBaseUrl).toBe('');
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
  });
});
