/**
 * Where a placeholder sits in an HTML text's markup, for `validateSetup`: a placeholder written as an
 * element name (`<%Cliente>`, `<td%Cliente>`) or an attribute name (`<td %Cliente>`) has no meaning once
 * filled, so the setup is refused with a reason. Placeholders in text and in attribute values, quoted or
 * not, are fine: the renderer escapes their values and the HTML filter writes every attribute quoted.
 *
 * A small scan that follows the HTML tokenizer's states for tags, attributes and comments; it decides
 * only this refusal. What reaches a customer is decided by the HTML filter (html-policy.ts), which
 * removes a placeholder in a name with what it names whatever this scan says; the scan lives apart
 * so that validation (in the pane's first chunk and in the planning worker) does not load the filter.
 */
import { placeholderSpans, type Placeholder } from './placeholders';

export type MisplacedWhere = 'element_name' | 'attribute_name';
export interface MisplacedPlaceholder {
  readonly placeholder: Placeholder;
  readonly where: MisplacedWhere;
}

const letter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const space = (c: string | undefined) => c !== undefined && /[\t\n\f\r ]/.test(c);
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript'];

type State =
  'data' | 'tagName' | 'beforeAttr' | 'attrName' | 'afterAttrName' | 'beforeValue' | 'quoted' | 'unquoted';

/** The placeholders of an HTML text written where an element or attribute name goes, each once, in order. */
export function misplacedPlaceholders(template: string): MisplacedPlaceholder[] {
  const starts = new Map(placeholderSpans(template).map((span) => [span.start, span] as const));
  const found = new Map<string, MisplacedPlaceholder>();
  const note = (placeholder: Placeholder, where: MisplacedWhere) =>
    found.set(`${where}:${placeholder}`, { placeholder, where });
  let state: State = 'data';
  let quote = '';
  let tag = '';
  let endTag = false;
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    const span = starts.get(i);
    if (state === 'data') {
      if (template.startsWith('<!--', i)) {
        const close = template.indexOf('-->', i + 4);
        i = close < 0 ? template.length : close + 3;
        continue;
      }
      if (c === '<' && (template[i + 1] === '!' || template[i + 1] === '?')) {
        const close = template.indexOf('>', i);
        i = close < 0 ? template.length : close + 1;
        continue;
      }
      if (c === '<') {
        const slash = template[i + 1] === '/' ? 1 : 0;
        const next = starts.get(i + 1 + slash);
        if (next !== undefined) note(next.name, 'element_name');
        if (letter(template[i + 1 + slash])) {
          state = 'tagName';
          endTag = slash === 1;
          tag = '';
          i += 1 + slash;
          continue;
        }
      }
      i += span !== undefined ? span.end - span.start : 1;
      continue;
    }
    if (
      span !== undefined &&
      (state === 'tagName' || state === 'beforeAttr' || state === 'attrName' || state === 'afterAttrName')
    ) {
      note(span.name, state === 'tagName' ? 'element_name' : 'attribute_name');
      if (state !== 'tagName') state = 'attrName';
      i = span.end;
      continue;
    }
    const closeTag = () => {
      state = 'data';
      const name = tag.toLowerCase();
      if (!endTag && RAW_TEXT.includes(name)) {
        const close = template.toLowerCase().indexOf(`</${name}`, i + 1);
        i = close < 0 ? template.length : close;
      } else {
        i += 1;
      }
    };
    switch (state) {
      case 'tagName':
        if (c === '>') {
          closeTag();
          continue;
        }
        if (space(c) || c === '/') state = 'beforeAttr';
        else tag += c;
        break;
      case 'beforeAttr':
        if (c === '>') {
          closeTag();
          continue;
        }
        if (!space(c) && c !== '/') state = 'attrName';
        break;
      case 'attrName':
        if (c === '>') {
          closeTag();
          continue;
        }
        if (c === '=') state = 'beforeValue';
        else if (space(c)) state = 'afterAttrName';
        else if (c === '/') state = 'beforeAttr';
        break;
      case 'afterAttrName':
        if (c === '>') {
          closeTag();
          continue;
        }
        if (c === '=') state = 'beforeValue';
        else if (c === '/') state = 'beforeAttr';
        else if (!space(c)) state = 'attrName';
        break;
      case 'beforeValue':
        if (c === '>') {
          closeTag();
          continue;
        }
        if (c === '"' || c === "'") {
          quote = c;
          state = 'quoted';
        } else if (!space(c)) state = 'unquoted';
        break;
      case 'quoted':
        if (c === quote) state = 'beforeAttr';
        break;
      case 'unquoted':
        if (c === '>') {
          closeTag();
          continue;
        }
        if (space(c)) state = 'beforeAttr';
        break;
    }
    i += span !== undefined ? span.end - span.start : 1;
  }
  return [...found.values()];
}
