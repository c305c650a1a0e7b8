/**
 * What an administrator's HTML text may contain when it reaches a customer: one allowlist, applied when
 * the settings editor saves a text and again whenever an e-mail is rendered (a setup written straight
 * into the ERP is filtered too). The sandboxed preview and the e-mail that is sent come out of the same
 * filter, so the preview is what the customer receives.
 *
 * The policy, for e-mail bodies:
 * - elements: text structure (p, br, div, span, h1–h4, hr, strong/b, em/i, u, lists, tables, links);
 *   everything else is removed — its content kept, except for elements whose content is not text
 *   (script, style, textarea, iframe, svg, math, …), which go with all they contain. No images at all:
 *   a remote image tracks who opens the mail, and data:/cid: images are blocked or mangled by most
 *   mail clients, so an image is removed rather than half-allowed.
 * - attributes: `href` and `title` on links, `title` anywhere, table layout attributes (colspan,
 *   rowspan, align, valign, width, border, cellpadding, cellspacing). No `style` attribute and no
 *   `<style>` element: CSS cannot be filtered safely enough (remote `url()`, tracking) for what it
 *   gives a reminder, so it goes. No event handlers (`on…`), no `class`/`id`.
 * - links: `href` only with http:, https: or mailto: written literally at its start (after entity
 *   decoding, as the browser reads it): no javascript:, data:, vbscript:, relative or protocol-relative
 *   links, and no link whose start is a placeholder (the value would choose the scheme).
 * - comments (conditional comments included: Outlook renders what they hide) are removed.
 *
 * Placeholders are marked before filtering and filled after it: a placeholder in text gets its value
 * HTML-escaped (or, for %Partita, our own items table), one in an attribute value its value escaped
 * inside the double quotes the filter always writes (an unquoted `title=%Cliente` comes out quoted); a
 * placeholder written as an element or attribute name is removed with what it names (and refused by
 * `validateSetup`, see template-markup.ts).
 *
 * The library is sanitize-html (htmlparser2): it parses without a DOM, so the same filter runs in the
 * pane, in Node (jest, `npm run plan`, the benchmarks) and in a worker; its tokenizer is a real HTML one
 * (entities decoded before schemes are checked, raw-text elements, comments), unlike js-xss's ad-hoc
 * scanner; and it takes an allowlist of tags, attributes and URL schemes. DOMPurify needs a DOM. Its
 * weight (≈134 KiB minified with postcss) lands only in the lazily loaded chunks that render e-mails
 * (preview, settings, sending), not in the pane's first chunk nor in the planning worker.
 */
import sanitizeHtml from 'sanitize-html';
import { placeholderSpans, type Placeholder } from './placeholders';

export const ALLOWED_TAGS = [
  'p',
  'br',
  'div',
  'span',
  'h1',
  'h2',
  'h3',
  'h4',
  'hr',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
] as const;

const CELL_ATTRIBUTES = ['colspan', 'rowspan', 'align', 'valign', 'width'];
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  '*': ['title'],
  a: ['href'],
  table: ['width', 'border', 'cellpadding', 'cellspacing', 'align'],
  td: CELL_ATTRIBUTES,
  th: CELL_ATTRIBUTES,
  tr: ['align', 'valign'],
  p: ['align'],
  div: ['align'],
};

/** The schemes a link may have, written literally at the start of its `href`. */
export const ALLOWED_SCHEMES = ['http', 'https', 'mailto'] as const;

/** Elements dropped with everything inside them (their content is code, styling or not text). */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'template',
  'svg',
  'math',
  'object',
  'embed',
  'head',
];

/** One thing the filter removed from a text, as the editor lists it. */
export type HtmlRemoval =
  | { readonly kind: 'element'; readonly element: string }
  | { readonly kind: 'attribute'; readonly element: string; readonly attribute: string }
  /** An `href` whose scheme is not allowed, or that starts with a placeholder. */
  | { readonly kind: 'link'; readonly element: string; readonly attribute: string }
  | { readonly kind: 'comment' };

/** A text split around its placeholders: `parts[i]`, hole i, `parts[i + 1]`, …; `parts` is one longer than `holes`. */
export interface FilteredTemplate {
  readonly parts: readonly string[];
  readonly holes: readonly { readonly name: Placeholder; readonly inAttribute: boolean }[];
  /** What was removed, each once, in the order met. */
  readonly removed: readonly HtmlRemoval[];
}

// Placeholders become these markers for the filter (private-use characters, removed from the text first).
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /\uE000(\d+)\uE001/g;
const MARKERS_TYPED = /[\uE000\uE001]/g;

const allowedTag = (name: string) => (ALLOWED_TAGS as readonly string[]).includes(name);
const allowedAttribute = (element: string, attribute: string) =>
  (ALLOWED_ATTRIBUTES['*'] ?? []).includes(attribute) ||
  (ALLOWED_ATTRIBUTES[element] ?? []).includes(attribute);

/**
 * True when `href` (entity-decoded, as the parser gives it) starts with an allowed scheme. Browsers ignore
 * tabs and line breaks anywhere in a URL and leading control characters and spaces: so does this.
 */
function allowedHref(href: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^(https?:\/\/|mailto:)/i.test(cleaned);
}

function keyOf(removal: HtmlRemoval): string {
  return removal.kind === 'comment'
    ? 'comment'
    : removal.kind === 'element'
      ? `e:${removal.element}`
      : `${removal.kind}:${removal.element}:${removal.attribute}`;
}

/** Filters an HTML text (placeholders still in it) against the policy. */
function filter(template: string): FilteredTemplate {
  const names: Placeholder[] = [];
  let marked = '';
  let last = 0;
  const source = template.replace(MARKERS_TYPED, '');
  for (const span of placeholderSpans(source)) {
    marked += `${source.slice(last, span.start)}${OPEN}${names.length}${CLOSE}`;
    names.push(span.name);
    last = span.end;
  }
  marked += source.slice(last);

  /** A name as written, markers back to `%Name`. */
  const written = (name: string) => name.replace(MARKER, (_, i: string) => `%${names[Number(i)] ?? ''}`);
  const removed = new Map<string, HtmlRemoval>();
  const remove = (removal: HtmlRemoval) =>
    removed.has(keyOf(removal)) || removed.set(keyOf(removal), removal);
  const inAttribute = new Set<number>();

  const output = sanitizeHtml(marked, {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: Object.fromEntries(
      Object.entries(ALLOWED_ATTRIBUTES).map(([tag, list]) => [tag, [...list]]),
    ),
    allowedSchemes: [...ALLOWED_SCHEMES],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    allowVulnerableTags: false,
    transformTags: {
      // Called for every element the parser opens (outside dropped content): notes what goes, applies
      // the link rule, and records which placeholders sit in attribute values.
      '*': (tagName, attribs) => {
        if (!allowedTag(tagName)) {
          remove({ kind: 'element', element: written(tagName) });
          return { tagName, attribs };
        }
        const kept: Record<string, string> = {};
        for (const [attribute, value] of Object.entries(attribs)) {
          if (!allowedAttribute(tagName, attribute)) {
            remove({ kind: 'attribute', element: tagName, attribute: written(attribute) });
            continue;
          }
          if (attribute === 'href') {
            const literalStart = value.split(OPEN)[0] as string;
            if (!allowedHref(literalStart)) {
              remove({ kind: 'link', element: tagName, attribute });
              continue;
            }
          }
          for (const match of value.matchAll(MARKER)) inAttribute.add(Number(match[1]));
          kept[attribute] = value;
        }
        return { tagName, attribs: kept };
      },
    },
  });
  if (/<!--|<!\[|<![a-zA-Z]|<\?/.test(marked)) remove({ kind: 'comment' });

  const parts: string[] = [];
  const holes: { name: Placeholder; inAttribute: boolean }[] = [];
  last = 0;
  for (const match of output.matchAll(MARKER)) {
    const index = Number(match[1]);
    const name = names[index];
    if (name === undefined) continue;
    parts.push(output.slice(last, match.index));
    holes.push({ name, inAttribute: inAttribute.has(index) });
    last = match.index + match[0].length;
  }
  parts.push(output.slice(last));
  return { parts, holes, removed: [...removed.values()] };
}

const CACHE_LIMIT = 256;
const cache = new Map<string, FilteredTemplate>();

/**
 * The text filtered against the policy, split around its placeholders. Memoised by text (a run renders
 * thousands of e-mails from a handful of texts); the result depends on nothing but the text.
 */
export function filterHtmlTemplate(template: string): FilteredTemplate {
  const known = cache.get(template);
  if (known !== undefined) return known;
  const filtered = filter(template);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(template, filtered);
  return filtered;
}

/** The filtered text with its placeholders written back as `%Name`: what the settings editor saves. */
export function sanitizeHtmlText(template: string): {
  readonly text: string;
  readonly removed: readonly HtmlRemoval[];
} {
  const { parts, holes, removed } = filterHtmlTemplate(template);
  return {
    text: parts.reduce(
      (text, part, i) => text + part + (i < holes.length ? `%${(holes[i] as { name: string }).name}` : ''),
      '',
    ),
    removed,
  };
}
