import {
  assertBuildConfig,
  buildConfigProblems,
  connectOrigins,
  contentSecurityPolicy,
  type BuildTarget,
} from './content-security-policy';

const TENANT = 'https://login.microsoftonline.com/7d2f1e3a-1111-4a4a-9b9b-123456789abc';
const production = (env: BuildTarget['env']): BuildTarget => ({ production: true, env });
const development = (env: BuildTarget['env'] = {}): BuildTarget => ({ production: false, env });

const directive = (policy: string, name: string): string[] =>
  (policy.split('; ').find((part) => part.startsWith(`${name} `)) ?? '').split(' ').slice(1);

describe('the task pane policy of a production build', () => {
  const target = production({ ERP_BASE_URL: 'https://erp.example.it/api', AAD_AUTHORITY: TENANT });

  it('connects to the ERP, Microsoft Graph, its upload hosts and the authority, and nothing else', () => {
    expect(directive(contentSecurityPolicy('taskpane', target), 'connect-src')).toEqual([
      "'self'",
      'https://erp.example.it',
      'https://graph.microsoft.com',
      'https://outlook.office.com',
      'https://outlook.office365.com',
      'https://login.microsoftonline.com',
    ]);
  });

  it('never names localhost, whatever the environment says', () => {
    const policy = contentSecurityPolicy(
      'taskpane',
      production({
        ERP_BASE_URL: 'http://localhost:4100',
        GRAPH_BASE_URL: 'http://127.0.0.1:4200/v1.0',
        GRAPH_UPLOAD_ORIGINS: 'http://localhost:4201',
      }),
    );
    expect(policy).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('follows a national cloud: its Graph and its upload host', () => {
    const origins = connectOrigins(
      production({
        ERP_BASE_URL: 'https://erp.example.it',
        GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0',
        AAD_AUTHORITY: 'https://login.microsoftonline.us/x',
      }),
    );
    expect(origins).toEqual([
      'https://erp.example.it',
      'https://graph.microsoft.us',
      'https://outlook.office365.us',
      'https://login.microsoftonline.us',
    ]);
  });

  it('frames and posts sign-in only to the authority', () => {
    expect(directive(contentSecurityPolicy('taskpane', target), 'frame-src')).toEqual([
      "'self'",
      'https://login.microsoftonline.com',
    ]);
    const dialog = contentSecurityPolicy('dialog', target);
    expect(directive(dialog, 'connect-src')).toEqual(["'self'", 'https://login.microsoftonline.com']);
    expect(directive(dialog, 'form-action')).toEqual(["'self'", 'https://login.microsoftonline.com']);
    expect(directive(dialog, 'frame-src')).toEqual(["'none'"]);
  });

  it('keeps the fixed directives: no eval, no plugins, office.js from its CDN', () => {
    const policy = contentSecurityPolicy('taskpane', target);
    expect(directive(policy, 'script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('the task pane policy of a development build', () => {
  it('allows the demo ERP, the Graph simulator and its upload port by default', () => {
    expect(connectOrigins(development())).toEqual([
      'http://localhost:4100',
      'http://localhost:4200',
      'http://localhost:4201',
      'https://login.microsoftonline.com',
    ]);
  });

  it('allows exactly the configured local servers (another origin for uploads when named)', () => {
    expect(
      connectOrigins(
        development({
          ERP_BASE_URL: 'http://127.0.0.1:5100/api',
          GRAPH_BASE_URL: 'http://localhost:5200/v1.0',
          GRAPH_UPLOAD_ORIGINS: 'http://127.0.0.1:5201',
        }),
      ),
    ).toEqual([
      'http://127.0.0.1:5100',
      'http://localhost:5200',
      'http://127.0.0.1:5201',
      'https://login.microsoftonline.com',
    ]);
    expect(
      contentSecurityPolicy('taskpane', development({ ERP_BASE_URL: 'http://127.0.0.1:5100' })),
    ).not.toContain('localhost:*');
  });
});

describe('the build configuration check', () => {
  it('passes a production build configured as the docs say', () => {
    expect(
      buildConfigProblems(production({ ERP_BASE_URL: 'https://erp.example.it/api', AAD_AUTHORITY: TENANT })),
    ).toEqual([]);
  });

  it('fails a production build without ERP_BASE_URL, naming the setting', () => {
    expect(() => assertBuildConfig(production({}))).toThrow(/ERP_BASE_URL is not set/);
  });

  it('fails a production build with a plain-http ERP, even on localhost', () => {
    for (const url of ['http://erp.example.it', 'http://localhost:4100'])
      expect(buildConfigProblems(production({ ERP_BASE_URL: url }))).toEqual([
        `ERP_BASE_URL must be an https URL, not "${url}"`,
      ]);
  });

  it('fails a production build whose Graph is not Microsoft Graph', () => {
    for (const url of [
      'https://graph.evil.example/v1.0',
      'http://graph.microsoft.com/v1.0',
      'https://graph.microsoft.com.evil.example/v1.0',
    ])
      expect(
        buildConfigProblems(production({ ERP_BASE_URL: 'https://erp.example.it', GRAPH_BASE_URL: url })),
      ).toEqual([
        `GRAPH_BASE_URL must be Microsoft Graph in a production build (e.g. https://graph.microsoft.com/v1.0), not "${url}"`,
      ]);
  });

  it('fails a production build with the dev identity or simulator upload origins', () => {
    expect(
      buildConfigProblems(
        production({
          ERP_BASE_URL: 'https://erp.example.it',
          AUTH_MODE: 'dev',
          GRAPH_UPLOAD_ORIGINS: 'http://localhost:4201',
        }),
      ),
    ).toHaveLength(2);
  });

  it('accepts loopback http in a development build, not another host', () => {
    expect(buildConfigProblems(development({ ERP_BASE_URL: 'http://127.0.0.1:4100' }))).toEqual([]);
    expect(buildConfigProblems(development({ GRAPH_BASE_URL: 'http://graph.lan/v1.0' }))).toEqual([
      'GRAPH_BASE_URL must be an https URL (plain http only for localhost in a development build), not "http://graph.lan/v1.0"',
    ]);
  });
});
