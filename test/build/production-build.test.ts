/**
 * The real production build (`npm run build`, webpack's CLI) with a deployment's ERP, into a temporary
 * folder: the published pages' policy allows the ERP and Microsoft Graph's upload hosts and no localhost,
 * and dist/ publishes no source map. One build for the whole file: it takes a while.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const WEBPACK = path.join(ROOT, 'node_modules/.bin/webpack');
const CONFIG_KEYS = [
  'ERP_BASE_URL',
  'ERP_SCOPE',
  'ERP_STATIC_KEY',
  'GRAPH_BASE_URL',
  'AUTH_MODE',
  'AAD_CLIENT_ID',
  'AAD_AUTHORITY',
  'DEV_USER',
  'GRAPH_UPLOAD_ORIGINS',
];

/** The environment without any configuration variable of the one running the tests. */
const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !CONFIG_KEYS.includes(key))),
  ...extra,
});

const policyOf = (html: string): string =>
  /http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );

describe('npm run build', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'solleciti-dist-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("with ERP_BASE_URL=https://erp.example.it: the policy allows it and Graph's upload hosts, no localhost, no source maps", async () => {
    await run(WEBPACK, ['--mode', 'production', '--output-path', out], {
      cwd: ROOT,
      env: cleanEnv({ ERP_BASE_URL: 'https://erp.example.it' }),
      maxBuffer: 16 * 1024 * 1024,
    });
    const pane = policyOf(readFileSync(path.join(out, 'taskpane.html'), 'utf8'));
    const connect = pane.split('; ').find((part) => part.startsWith('connect-src ')) ?? '';
    for (const origin of [
      'https://erp.example.it',
      'https://graph.microsoft.com',
      'https://outlook.office.com',
      'https://outlook.office365.com',
    ])
      expect(connect.split(' ')).toContain(origin);
    const dialog = policyOf(readFileSync(path.join(out, 'dialog.html'), 'utf8'));
    expect(dialog).toContain("connect-src 'self' https://login.microsoftonline.com");
    for (const policy of [pane, dialog]) expect(policy).not.toMatch(/localhost|127\.0\.0\.1/);

    const files = filesUnder(out);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    // The comment that makes a browser fetch a map, on a line of its own (bundled libraries such as postcss
    // carry the words `sourceMappingURL=` inside string literals: those are code, not a link).
    const mapComment = /^\s*(\/\/|\/\*)[#@] sourceMappingURL=/m;
    const withMapComment = files
      .filter((file) => /\.(js|css|html)$/.test(file))
      .filter((file) => mapComment.test(readFileSync(file, 'utf8')));
    expect(withMapComment).toEqual([]);
  }, 240_000);

  it('without ERP_BASE_URL: fails, naming the setting', async () => {
    const failure = await run(WEBPACK, ['--mode', 'production', '--output-path', path.join(out, 'refused')], {
      cwd: ROOT,
      env: cleanEnv({}),
    }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; stderr?: string; stdout?: string },
    );
    expect(failure).toBeDefined();
    expect(`${failure?.stderr ?? ''}${failure?.stdout ?? ''}`).toContain('ERP_BASE_URL is not set');
  }, 120_000);
});
