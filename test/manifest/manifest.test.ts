/**
 * Structural checks of manifest.xml (scripts/check-manifest.ts), plus one negative case per check: the same
 * checker run on a mutated copy of the manifest must report the problem, so no assertion is vacuous.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkManifest, descendants, nsAttr, NS, parseXml, readPngSize } from '../../scripts/check-manifest';

const ROOT = join(__dirname, '..', '..');
const ASSETS = join(ROOT, 'assets');
const XML = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

/** Replaces `from` by `to` in the manifest, failing loudly if `from` is not there (a stale mutation). */
function mutate(from: string | RegExp, to: string, xml = XML): string {
  const found = typeof from === 'string' ? xml.includes(from) : from.test(xml);
  if (!found) throw new Error(`mutation target not found in manifest.xml: ${String(from)}`);
  return xml.replace(from, to);
}

describe('manifest.xml', () => {
  it('passes every structural check', () => {
    expect(checkManifest(XML, { assetsDir: ASSETS })).toEqual([]);
  });

  it('is a MailApp whose VersionOverrides V1_0 wraps V1_1, with task-pane buttons on read and compose', () => {
    const [root] = parseXml(XML);
    expect(root!.local).toBe('OfficeApp');
    expect(nsAttr(root!, NS.xsi, 'type')).toBe('MailApp');
    const v10 = root!.children.find((c) => c.local === 'VersionOverrides')!;
    expect(v10.ns).toBe(NS.mailV1_0);
    const v11 = v10.children.find((c) => c.local === 'VersionOverrides')!;
    expect(v11.ns).toBe(NS.mailV1_1);
    const surfaces = descendants(v11)
      .filter((e) => e.local === 'ExtensionPoint')
      .map((e) => nsAttr(e, NS.xsi, 'type'));
    expect(surfaces).toEqual(
      expect.arrayContaining(['MessageReadCommandSurface', 'MessageComposeCommandSurface']),
    );
    const taskpaneUrl = descendants(v11).find((e) => e.local === 'Url')?.attrs.DefaultValue;
    expect(taskpaneUrl).toBe('https://localhost:3000/taskpane.html');
  });

  it('ships every icon size as a real PNG in assets/', () => {
    for (const n of [16, 32, 64, 80, 128]) {
      expect(readPngSize(readFileSync(join(ASSETS, `icon-${n}.png`)))).toEqual({ width: n, height: n });
    }
    expect(readPngSize(readFileSync(join(ASSETS, 'logo-filled.png')))).toMatchObject({
      width: expect.any(Number),
    });
  });

  describe('the checker reports a broken manifest', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['malformed XML', () => mutate('</Permissions>', ''), /not well-formed/],
      ['two root elements', () => `${XML}\n<Extra/>`, /not well-formed|exactly one root/],
      [
        'another add-in type',
        () => mutate('xsi:type="MailApp"', 'xsi:type="TaskPaneApp"'),
        /xsi:type must be MailApp/,
      ],
      [
        'an Id that is not a GUID',
        () => mutate(/<Id>[^<]+<\/Id>/, '<Id>solleciti</Id>'),
        /Id must be a GUID/,
      ],
      [
        'no Mailbox host',
        () => mutate('<Host Name="Mailbox"/>', '<Host Name="Document"/>'),
        /Host Name="Mailbox"/,
      ],
      [
        'no base Mailbox requirement',
        () => mutate('<Set Name="Mailbox" MinVersion="1.1"/>', ''),
        /base Requirements must declare the Mailbox/,
      ],
      [
        'more permissions than needed',
        () => mutate('<Permissions>ReadItem</Permissions>', '<Permissions>ReadWriteMailbox</Permissions>'),
        /Permissions must be ReadItem/,
      ],
      [
        'V1_1 not wrapped in V1_0',
        () => mutate('xsi:type="VersionOverridesV1_0"', 'xsi:type="VersionOverridesV1_1"'),
        /VersionOverridesV1_0/,
      ],
      [
        'inner override in the wrong namespace',
        () =>
          mutate(
            'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1"',
            'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides"',
          ),
        /must wrap a VersionOverrides xsi:type="VersionOverridesV1_1"/,
      ],
      [
        'override requirement below 1.5',
        () => mutate('DefaultMinVersion="1.5"', 'DefaultMinVersion="1.3"'),
        /≥ 1\.5/,
      ],
      [
        'no compose surface',
        () =>
          mutate('xsi:type="MessageComposeCommandSurface"', 'xsi:type="AppointmentOrganizerCommandSurface"'),
        /no ExtensionPoint MessageComposeCommandSurface/,
      ],
      [
        'no SupportsPinning',
        () => XML.replace(/<SupportsPinning>true<\/SupportsPinning>/g, ''),
        /SupportsPinning is missing/,
      ],
      [
        'read pane not pinnable',
        () => mutate('<SupportsPinning>true</SupportsPinning>', '<SupportsPinning>false</SupportsPinning>'),
        /SupportsPinning must be true/,
      ],
      [
        'no SupportsNoItemContext on read',
        () => mutate('<SupportsNoItemContext>true</SupportsNoItemContext>', ''),
        /SupportsNoItemContext must be true/,
      ],
      [
        'SupportsNoItemContext on compose',
        () =>
          mutate(
            /(<ExtensionPoint xsi:type="MessageComposeCommandSurface">[\s\S]*?<SupportsPinning>true<\/SupportsPinning>)/,
            '$1<SupportsNoItemContext>true</SupportsNoItemContext>',
          ),
        /only allowed on MessageReadCommandSurface/,
      ],
      [
        'a resid with no resource',
        () => mutate(/<bt:Url id="Solleciti\.Taskpane\.Url"[^>]*\/>/, ''),
        /resid "Solleciti\.Taskpane\.Url" does not resolve/,
      ],
      [
        'a resid of the wrong kind',
        () => mutate('<Label resid="Solleciti.GroupLabel"/>', '<Label resid="Solleciti.OpenPane.Tooltip"/>'),
        /must be a bt:ShortStrings entry/,
      ],
      [
        'a duplicate resource id',
        () => mutate('<bt:String id="Solleciti.OpenPane.Label"', '<bt:String id="Solleciti.GroupLabel"'),
        /defined twice/,
      ],
      [
        'a short string over 125 characters',
        () => mutate('DefaultValue="Apri Solleciti"', `DefaultValue="${'x'.repeat(126)}"`),
        /max 125/,
      ],
      [
        'an http URL',
        () =>
          mutate(
            '<bt:Url id="Solleciti.Taskpane.Url" DefaultValue="https://',
            '<bt:Url id="Solleciti.Taskpane.Url" DefaultValue="http://',
          ),
        /must be https/,
      ],
      [
        'an http Override URL',
        () =>
          mutate(
            '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"/>',
            '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"><Override Locale="en-US" Value="http://example.com/"/></SupportUrl>',
          ),
        /must be https, found "http:\/\/example\.com\/"/,
      ],
      [
        'a missing icon file',
        () => mutate('assets/icon-80.png"', 'assets/icon-99.png"'),
        /icon-99\.png does not exist/,
      ],
      [
        'an icon of the wrong size for its slot',
        () => mutate('assets/icon-16.png"', 'assets/icon-32.png"'),
        /needs a 16×16 icon, icon-32\.png is 32×32/,
      ],
      [
        'IconUrl not 64 px',
        () =>
          mutate(
            '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
            '<IconUrl DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
          ),
        /IconUrl needs a 64×64 icon/,
      ],
    ];
    it.each(cases)('%s', (_name, broken, expected) => {
      const problems = checkManifest(broken(), { assetsDir: ASSETS });
      expect(problems.join('\n')).toMatch(expected);
    });

    describe('with a doctored assets folder', () => {
      let dir: string;
      beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'solleciti-assets-'));
        for (const f of readdirSync(ASSETS)) copyFileSync(join(ASSETS, f), join(dir, f));
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));

      it('an icon whose pixels do not match its name', () => {
        copyFileSync(join(ASSETS, 'icon-32.png'), join(dir, 'icon-16.png'));
        expect(checkManifest(XML, { assetsDir: dir }).join('\n')).toMatch(
          /icon-16\.png is 32×32 but its name says 16/,
        );
      });
      it('an icon that is not a PNG', () => {
        writeFileSync(join(dir, 'icon-64.png'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
        expect(checkManifest(XML, { assetsDir: dir }).join('\n')).toMatch(/icon-64\.png: not a PNG/);
      });
    });
  });
});
