/**
 * Structural checks of the Outlook add-in XML manifest, offline (no XSD is available offline, and
 * `office-addin-manifest validate manifest.xml` needs a Microsoft web service: it is unreachable offline).
 *
 * `checkManifest(xml, { assetsDir })` returns a list of problems (empty = OK). Used by
 * test/manifest/manifest.test.ts and by scripts/validate-manifest.ts (`npm run validate:manifest`).
 *
 * What it checks:
 *  - well-formed XML with exactly one root element;
 *  - root OfficeApp (appforoffice/1.1 namespace), xsi:type MailApp, GUID Id, Version, DefaultLocale,
 *    DisplayName/Description, Hosts → Mailbox, base Requirements → Mailbox set with MinVersion;
 *  - Permissions is exactly ReadItem (mail goes through Graph: nothing more is needed);
 *  - VersionOverrides V1_0 (…/mailappversionoverrides) wraps VersionOverrides V1_1 (…/1.1), and the 1.1
 *    override declares the Mailbox requirement at ≥ 1.5 (SupportsPinning's requirement set);
 *  - the 1.1 override has a button opening the task pane (ShowTaskpane) on MessageReadCommandSurface and on
 *    MessageComposeCommandSurface; the read one has SupportsPinning=true and SupportsNoItemContext=true;
 *    SupportsNoItemContext appears nowhere else (only allowed on the read surface); SupportsPinning and
 *    SupportsNoItemContext appear only inside the 1.1 override;
 *  - every `resid` resolves to an entry of the right kind (bt:Images / bt:Urls / bt:ShortStrings /
 *    bt:LongStrings) in the Resources of its own VersionOverrides; resource ids are unique; short strings
 *    ≤ 125 characters, long strings ≤ 250;
 *  - every URL (SourceLocation, IconUrl, HighResolutionIconUrl, SupportUrl, bt:Url, bt:Image: DefaultValue and
 *    each Override Value; AppDomain) parses and is https;
 *  - every icon URL points into /assets/ and names a file that exists in `assetsDir`, is a real PNG (signature
 *    + IHDR), is square with the size its name says (`icon-16.png` → 16×16), matches the `size` attribute of
 *    the `<bt:Image size=… resid=…>` that uses it, and IconUrl is 64×64, HighResolutionIconUrl 128×128.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const NS = {
  officeApp: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  mailV1_0: 'http://schemas.microsoft.com/office/mailappversionoverrides',
  mailV1_1: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1',
} as const;

export interface CheckOptions {
  /** Folder holding the icons named by the manifest's /assets/… URLs. */
  assetsDir: string;
}

/** An element, with namespaces resolved. */
export interface XmlElement {
  /** Name as written (may have a prefix). */
  qname: string;
  local: string;
  ns: string;
  /** Attributes as written (qualified names). */
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | undefined;
  /** Prefix → namespace in scope ('' = default namespace). */
  scope: Record<string, string>;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const localOf = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
const prefixOf = (qname: string): string => (qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '');

function buildTree(
  nodes: OrderedNode[],
  parent: XmlElement | undefined,
  scope: Record<string, string>,
): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const qname = Object.keys(node).find((k) => k !== ':@');
    if (!qname || qname === '#text' || qname === '#comment' || qname.startsWith('?')) continue;
    const attrs = { ...(node[':@'] ?? {}) };
    const own: Record<string, string> = { ...scope };
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns') own[''] = v;
      else if (k.startsWith('xmlns:')) own[k.slice(6)] = v;
    }
    const el: XmlElement = {
      qname,
      local: localOf(qname),
      ns: own[prefixOf(qname)] ?? '',
      attrs,
      children: [],
      text: '',
      parent,
      scope: own,
    };
    const kids = (node[qname] as OrderedNode[] | undefined) ?? [];
    el.text = kids
      .filter((k) => '#text' in k)
      .map((k) => String(k['#text']))
      .join('')
      .trim();
    el.children = buildTree(kids, el, own);
    out.push(el);
  }
  return out;
}

/** Parses the manifest into an element tree; throws on malformed XML. */
export function parseXml(xml: string): XmlElement[] {
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new Error(`not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    commentPropName: '#comment',
  });
  return buildTree(parser.parse(xml) as OrderedNode[], undefined, {});
}

/** Attribute by namespace + local name (for prefixed attributes such as xsi:type). */
export function nsAttr(el: XmlElement, ns: string, local: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k.includes(':') && localOf(k) === local && el.scope[prefixOf(k)] === ns) return v;
  }
  return undefined;
}
const xsiType = (el: XmlElement): string | undefined => nsAttr(el, NS.xsi, 'type');

export function descendants(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}
const child = (el: XmlElement | undefined, local: string): XmlElement | undefined =>
  el?.children.find((c) => c.local === local);
const childrenNamed = (el: XmlElement | undefined, local: string): XmlElement[] =>
  el?.children.filter((c) => c.local === local) ?? [];
const ancestors = (el: XmlElement): XmlElement[] => (el.parent ? [el.parent, ...ancestors(el.parent)] : []);
const pathOf = (el: XmlElement): string =>
  [...ancestors(el).reverse(), el]
    .map((e) =>
      e.attrs.id ? `${e.local}[${e.attrs.id}]` : xsiType(e) ? `${e.local}[${xsiType(e)}]` : e.local,
    )
    .join('/');

/** Width and height from a PNG's IHDR, or a reason it is not a PNG. */
export function readPngSize(buf: Buffer): { width: number; height: number } | { error: string } {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(sig)) return { error: 'not a PNG (bad signature)' };
  if (buf.readUInt32BE(8) !== 13 || buf.toString('ascii', 12, 16) !== 'IHDR')
    return { error: 'not a PNG (no IHDR chunk first)' };
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  if (width === 0 || height === 0) return { error: 'PNG with zero width or height' };
  return { width, height };
}

/** Which Resources collection a `resid` on an element of this local name must resolve into. */
const RESOURCE_KIND: Record<string, string> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  Url: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
};
const RESOURCE_COLLECTIONS = ['Images', 'Urls', 'ShortStrings', 'LongStrings'] as const;
const STRING_LIMITS: Record<string, number> = { ShortStrings: 125, LongStrings: 250 };

/** Elements whose DefaultValue (and Override Value) is a URL. */
const URL_ELEMENTS = new Set([
  'SourceLocation',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'Url',
  'Image',
]);
/** …and those among them that are icons. */
const ICON_ELEMENTS = new Set(['IconUrl', 'HighResolutionIconUrl', 'Image']);

const versionAtLeast = (v: string, min: string): boolean => {
  const a = v.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
};

export function checkManifest(xml: string, options: CheckOptions): string[] {
  const problems: string[] = [];
  const problem = (msg: string) => problems.push(msg);

  let roots: XmlElement[];
  try {
    roots = parseXml(xml);
  } catch (e) {
    return [(e as Error).message];
  }
  if (roots.length !== 1) return [`expected exactly one root element, found ${roots.length}`];
  const root = roots[0]!;
  const all = [root, ...descendants(root)];

  // ---- the base manifest
  if (root.local !== 'OfficeApp' || root.ns !== NS.officeApp)
    problem(`root element must be OfficeApp in ${NS.officeApp}, found ${root.qname} in "${root.ns}"`);
  if (xsiType(root) !== 'MailApp')
    problem(`OfficeApp xsi:type must be MailApp, found ${xsiType(root) ?? 'none'}`);
  const id = child(root, 'Id')?.text ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    problem(`Id must be a GUID, found "${id}"`);
  const version = child(root, 'Version')?.text ?? '';
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version))
    problem(`Version must look like 1.0.0.0, found "${version}"`);
  if (!child(root, 'DefaultLocale')?.text) problem('DefaultLocale is missing');
  for (const name of ['DisplayName', 'Description']) {
    if (!child(root, name)?.attrs.DefaultValue) problem(`${name} DefaultValue is missing`);
  }
  if (!childrenNamed(child(root, 'Hosts'), 'Host').some((h) => h.attrs.Name === 'Mailbox'))
    problem('Hosts must contain <Host Name="Mailbox"/>');
  const baseSets = childrenNamed(child(child(root, 'Requirements'), 'Sets'), 'Set');
  const baseMailbox = baseSets.find((s) => s.attrs.Name === 'Mailbox');
  if (!baseMailbox) problem('base Requirements must declare the Mailbox requirement set');
  else if (!baseMailbox.attrs.MinVersion) problem('base Mailbox requirement set has no MinVersion');
  const permissions = child(root, 'Permissions')?.text;
  if (permissions !== 'ReadItem')
    problem(`Permissions must be ReadItem (mail goes through Graph), found "${permissions ?? 'none'}"`);

  // ---- VersionOverrides: V1_0 wrapping V1_1
  const vo10 = childrenNamed(root, 'VersionOverrides');
  const v10 = vo10.find((v) => v.ns === NS.mailV1_0 && xsiType(v) === 'VersionOverridesV1_0');
  let v11: XmlElement | undefined;
  if (vo10.length !== 1 || !v10) {
    problem(`OfficeApp must contain one VersionOverrides xsi:type="VersionOverridesV1_0" in ${NS.mailV1_0}`);
  } else {
    v11 = childrenNamed(v10, 'VersionOverrides').find(
      (v) => v.ns === NS.mailV1_1 && xsiType(v) === 'VersionOverridesV1_1',
    );
    if (!v11)
      problem(
        `VersionOverridesV1_0 must wrap a VersionOverrides xsi:type="VersionOverridesV1_1" in ${NS.mailV1_1}`,
      );
  }
  if (v11) {
    const sets = child(v11, 'Requirements')
      ? descendants(child(v11, 'Requirements')!).filter((e) => e.local === 'Set')
      : [];
    const mailbox = sets.find((s) => s.attrs.Name === 'Mailbox');
    const min = mailbox?.attrs.MinVersion ?? mailbox?.parent?.attrs.DefaultMinVersion;
    if (!mailbox || !min)
      problem('VersionOverridesV1_1 Requirements must declare the Mailbox set with a (Default)MinVersion');
    else if (!versionAtLeast(min, '1.5'))
      problem(`VersionOverridesV1_1 Mailbox requirement must be ≥ 1.5 (SupportsPinning), found ${min}`);

    const surfaces = descendants(v11).filter((e) => e.local === 'ExtensionPoint');
    for (const surface of ['MessageReadCommandSurface', 'MessageComposeCommandSurface']) {
      const ep = surfaces.find((e) => xsiType(e) === surface);
      const actions = ep
        ? descendants(ep).filter((e) => e.local === 'Action' && xsiType(e) === 'ShowTaskpane')
        : [];
      if (!ep) problem(`VersionOverridesV1_1 has no ExtensionPoint ${surface}`);
      else if (actions.length === 0) problem(`${surface} has no button with a ShowTaskpane action`);
      if (surface === 'MessageReadCommandSurface') {
        for (const a of actions) {
          if (child(a, 'SupportsPinning')?.text !== 'true')
            problem(`${pathOf(a)}: SupportsPinning must be true`);
          if (child(a, 'SupportsNoItemContext')?.text !== 'true')
            problem(`${pathOf(a)}: SupportsNoItemContext must be true`);
        }
      }
    }
  }
  for (const el of all.filter((e) => e.local === 'SupportsNoItemContext')) {
    const ep = ancestors(el).find((a) => a.local === 'ExtensionPoint');
    if (!ep || xsiType(ep) !== 'MessageReadCommandSurface')
      problem(`${pathOf(el)}: SupportsNoItemContext is only allowed on MessageReadCommandSurface`);
  }
  for (const el of all.filter((e) => e.local === 'SupportsPinning' || e.local === 'SupportsNoItemContext')) {
    if (!v11 || !ancestors(el).includes(v11))
      problem(`${pathOf(el)}: ${el.local} is only valid inside VersionOverridesV1_1`);
  }
  if (!all.some((e) => e.local === 'SupportsPinning')) problem('SupportsPinning is missing');

  // ---- resources and resid references
  const resourceIds = new Map<XmlElement, Map<string, { kind: string; el: XmlElement }>>();
  for (const vo of all.filter((e) => e.local === 'VersionOverrides')) {
    const ids = new Map<string, { kind: string; el: XmlElement }>();
    const resources = child(vo, 'Resources');
    for (const kind of RESOURCE_COLLECTIONS) {
      for (const entry of child(resources, kind)?.children ?? []) {
        const rid = entry.attrs.id;
        if (!rid) {
          problem(`${pathOf(entry)}: resource without id`);
          continue;
        }
        if (ids.has(rid)) problem(`resource id "${rid}" is defined twice`);
        ids.set(rid, { kind, el: entry });
        const limit = STRING_LIMITS[kind];
        if (limit !== undefined) {
          for (const value of [
            entry.attrs.DefaultValue ?? '',
            ...childrenNamed(entry, 'Override').map((o) => o.attrs.Value ?? ''),
          ]) {
            if (value.length > limit)
              problem(
                `${kind} "${rid}" is ${value.length} characters (max ${limit}): "${value.slice(0, 40)}…"`,
              );
          }
          if (!entry.attrs.DefaultValue) problem(`${kind} "${rid}" has no DefaultValue`);
        }
      }
    }
    resourceIds.set(vo, ids);
  }
  for (const el of all.filter((e) => e.attrs.resid !== undefined)) {
    const rid = el.attrs.resid!;
    const vo = ancestors(el).find((a) => a.local === 'VersionOverrides');
    const entry = vo ? resourceIds.get(vo)?.get(rid) : undefined;
    if (!entry) {
      problem(
        `${pathOf(el)}: resid "${rid}" does not resolve to any Resources entry of its VersionOverrides`,
      );
      continue;
    }
    const want = RESOURCE_KIND[el.local];
    if (want && entry.kind !== want)
      problem(`${pathOf(el)}: resid "${rid}" must be a bt:${want} entry, it is in bt:${entry.kind}`);
  }

  // ---- URLs and icons
  const iconUses = new Map<string, string[]>(); // url → places that require a given square size, as "N:where"
  const requireSize = (url: string, size: number, where: string) =>
    iconUses.set(url, [...(iconUses.get(url) ?? []), `${size}:${where}`]);
  for (const el of all.filter((e) => URL_ELEMENTS.has(e.local) && e.attrs.DefaultValue !== undefined)) {
    const values = [el.attrs.DefaultValue!, ...childrenNamed(el, 'Override').map((o) => o.attrs.Value ?? '')];
    for (const value of values) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        problem(`${pathOf(el)}: "${value}" is not a valid absolute URL`);
        continue;
      }
      if (url.protocol !== 'https:') problem(`${pathOf(el)}: URL must be https, found "${value}"`);
      if (ICON_ELEMENTS.has(el.local)) {
        iconUses.set(value, iconUses.get(value) ?? []);
        if (el.local === 'IconUrl') requireSize(value, 64, 'IconUrl');
        if (el.local === 'HighResolutionIconUrl') requireSize(value, 128, 'HighResolutionIconUrl');
        // <bt:Image size="16" resid="X"/> users of this image resource
        if (el.local === 'Image' && el.attrs.id) {
          for (const user of all.filter(
            (u) => u.local === 'Image' && u.attrs.resid === el.attrs.id && u.attrs.size,
          )) {
            requireSize(value, Number(user.attrs.size), pathOf(user));
          }
        }
      }
    }
  }
  for (const el of all.filter((e) => e.local === 'AppDomain')) {
    if (!/^https:\/\/[^/\s]+/.test(el.text)) problem(`AppDomain must be an https origin, found "${el.text}"`);
  }
  for (const [value, uses] of iconUses) {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(value).pathname);
    } catch {
      continue; // already reported
    }
    const m = /^\/assets\/([^/]+\.png)$/i.exec(pathname);
    if (!m) {
      problem(`icon "${value}" must be a .png directly under /assets/`);
      continue;
    }
    const file = join(options.assetsDir, m[1]!);
    if (!existsSync(file)) {
      problem(`icon "${value}": ${file} does not exist`);
      continue;
    }
    const size = readPngSize(readFileSync(file));
    if ('error' in size) {
      problem(`icon ${m[1]}: ${size.error}`);
      continue;
    }
    if (size.width !== size.height) problem(`icon ${m[1]} is ${size.width}×${size.height}, not square`);
    const named = /-(\d+)\.png$/i.exec(m[1]!);
    if (named && Number(named[1]) !== size.width)
      problem(`icon ${m[1]} is ${size.width}×${size.height} but its name says ${named[1]}`);
    for (const use of uses) {
      const [want, where] = [Number(use.slice(0, use.indexOf(':'))), use.slice(use.indexOf(':') + 1)];
      if (size.width !== want || size.height !== want)
        problem(`${where} needs a ${want}×${want} icon, ${m[1]} is ${size.width}×${size.height}`);
    }
  }
  return problems;
}

/** Convenience for callers: read the file and check it. */
export function checkManifestFile(manifestPath: string, options: CheckOptions): string[] {
  return checkManifest(readFileSync(manifestPath, 'utf8'), options);
}
