/** scripts/build-manifest.ts: the production manifest for a deployment URL, from the development one. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkRewrittenManifest,
  main,
  normaliseBaseUrl,
  rewriteManifest,
} from '../../scripts/build-manifest';
import { checkManifest } from '../../scripts/check-manifest';

const ROOT = join(__dirname, '..', '..');
const DEV_XML = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

describe('normaliseBaseUrl', () => {
  it('drops a trailing slash', () => {
    expect(normaliseBaseUrl('https://addin.rossi-spa.it/')).toBe('https://addin.rossi-spa.it');
    expect(normaliseBaseUrl(' https://addin.rossi-spa.it:8443 ')).toBe('https://addin.rossi-spa.it:8443');
  });

  it.each([
    [undefined, /pass --base-url https:\/\/… or set ADDIN_BASE_URL/],
    ['addin.rossi-spa.it', /is not a URL/],
    ['http://addin.rossi-spa.it', /is not https/],
    ['https://addin.rossi-spa.it/?v=2', /query or a fragment/],
    ['https://user:pw@addin.rossi-spa.it', /credentials/],
    ['https://localhost:3000', /this machine/],
    ['https://cdn.rossi-spa.it/solleciti/', /has a path: serve the add-in at the root of its host/],
  ])('refuses %p clearly', (input, message) => {
    expect(() => normaliseBaseUrl(input)).toThrow(message);
  });
});

describe('the rewritten manifest', () => {
  const xml = rewriteManifest(DEV_XML, 'https://addin.rossi-spa.it');

  it('still passes every structural check, and mentions no localhost', () => {
    expect(checkManifest(xml, { assetsDir: join(ROOT, 'assets') })).toEqual([]);
    expect(checkRewrittenManifest(xml, join(ROOT, 'assets'))).toEqual([]);
    expect(xml).not.toMatch(/localhost/i);
  });

  it('points every URL at the deployment, keeping the paths', () => {
    expect(xml).toContain(
      '<bt:Url id="Solleciti.Taskpane.Url" DefaultValue="https://addin.rossi-spa.it/taskpane.html"/>',
    );
    expect(xml).toContain('<IconUrl DefaultValue="https://addin.rossi-spa.it/assets/icon-64.png"/>');
    expect(xml.match(/https:\/\/addin\.rossi-spa\.it\//g)?.length).toBe(
      DEV_XML.match(/https:\/\/localhost:3000\//g)?.length,
    );
  });

  it('keeps the sign-in AppDomains', () => {
    expect(xml).toContain('<AppDomain>https://login.microsoftonline.com</AppDomain>');
  });

  it('the development manifest keeps localhost and passes its checks too', () => {
    expect(checkManifest(DEV_XML, { assetsDir: join(ROOT, 'assets') })).toEqual([]);
    expect(DEV_XML).toContain('https://localhost:3000/taskpane.html');
  });
});

describe('the script', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'solleciti-build-manifest-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('writes the manifest for --base-url and leaves the repository manifest untouched', () => {
    const out = join(dir, 'manifest.xml');
    expect(main(['--base-url', 'https://addin.rossi-spa.it/', '--out', out], {}, ROOT)).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('https://addin.rossi-spa.it/taskpane.html');
    expect(readFileSync(join(ROOT, 'manifest.xml'), 'utf8')).toBe(DEV_XML);
  });

  it('reads ADDIN_BASE_URL when no --base-url is given', () => {
    const out = join(dir, 'manifest.xml');
    expect(main([`--out=${out}`], { ADDIN_BASE_URL: 'https://addin.rossi-spa.it' }, ROOT)).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('https://addin.rossi-spa.it/assets/icon-80.png');
  });

  it('fails with the reason, and writes nothing, for an http URL or none', () => {
    const out = join(dir, 'manifest.xml');
    expect(main(['--base-url', 'http://addin.rossi-spa.it', '--out', out], {}, ROOT)).toBe(1);
    expect(main(['--out', out], {}, ROOT)).toBe(1);
    expect(jest.mocked(console.error).mock.calls.map((call) => String(call[0]))).toEqual([
      'The deployment URL "http://addin.rossi-spa.it" is not https: Outlook loads add-ins only over https',
      'No deployment URL: pass --base-url https://… or set ADDIN_BASE_URL',
    ]);
    expect(() => readFileSync(out)).toThrow();
  });
});
