/**
 * The OData query options the simulator understands on messages, parsed strictly like Graph: an unknown
 * `$option`, an unknown property in `$select`, `$filter` or `$orderby`, or a clause it cannot read is a
 * 400, never silently ignored.
 *
 * `$filter` supports comparisons (`eq ne gt ge lt le`) on the message's scalar properties, `and`, `or`,
 * `not`, parentheses, and lambdas over `singleValueExtendedProperties` and the recipient collections:
 * `singleValueExtendedProperties/Any(ep: ep/id eq 'String {…} Name ReminderKey' and ep/value eq '…')`.
 * String comparisons ignore case, as Exchange's do. With both `$filter` and `$orderby`, the ordered
 * properties must come first in the filter, in the same order — Graph's "InefficientFilter" rule.
 * `$expand` takes `singleValueExtendedProperties($filter=id eq '…' [or id eq '…'])` and `attachments`.
 */
import { GraphError, graphErrors } from './errors';
import { normalizePropertyId } from './schemas';
import type { ExtendedProperty, Recipient, StoredMessage } from './store';

type Value = string | number | boolean | null;
type Literal = Value | { readonly datetime: number };

interface Row {
  readonly fields: Readonly<Record<string, Value>>;
  readonly collections: Readonly<Record<string, readonly Row[]>>;
}

type ItemType = 'message' | 'extendedProperty' | 'recipient';

const DATE_FIELDS = new Set(['createddatetime', 'lastmodifieddatetime', 'receiveddatetime', 'sentdatetime']);
const FIELDS: Readonly<Record<ItemType, ReadonlySet<string>>> = {
  message: new Set([
    'subject',
    'isdraft',
    'isread',
    'importance',
    'internetmessageid',
    'conversationid',
    'hasattachments',
    'from/emailaddress/address',
    'sender/emailaddress/address',
    ...DATE_FIELDS,
  ]),
  extendedProperty: new Set(['id', 'value']),
  recipient: new Set(['emailaddress/address', 'emailaddress/name']),
};
const COLLECTIONS: Readonly<Record<string, ItemType>> = {
  singlevalueextendedproperties: 'extendedProperty',
  torecipients: 'recipient',
  ccrecipients: 'recipient',
  bccrecipients: 'recipient',
};

const time = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
const recipientRow = (recipient: Recipient): Row => ({
  fields: {
    'emailaddress/address': recipient.emailAddress.address ?? null,
    'emailaddress/name': recipient.emailAddress.name ?? null,
  },
  collections: {},
});
const propertyRow = (property: ExtendedProperty): Row => ({
  fields: { id: normalizePropertyId(property.id), value: property.value },
  collections: {},
});

function messageRow(message: StoredMessage): Row {
  return {
    fields: {
      subject: message.subject,
      isdraft: message.isDraft,
      isread: message.isRead,
      importance: message.importance,
      internetmessageid: message.internetMessageId,
      conversationid: message.conversationId,
      hasattachments: message.attachments.length > 0,
      'from/emailaddress/address': message.from?.emailAddress.address ?? null,
      'sender/emailaddress/address': message.sender?.emailAddress.address ?? null,
      createddatetime: time(message.createdDateTime),
      lastmodifieddatetime: time(message.lastModifiedDateTime),
      receiveddatetime: time(message.receivedDateTime),
      sentdatetime: time(message.sentDateTime),
    },
    collections: {
      singlevalueextendedproperties: message.singleValueExtendedProperties.map(propertyRow),
      torecipients: message.toRecipients.map(recipientRow),
      ccrecipients: message.ccRecipients.map(recipientRow),
      bccrecipients: message.bccRecipients.map(recipientRow),
    },
  };
}

// ---------------------------------------------------------------- tokens

type Token =
  | { readonly kind: 'literal'; readonly value: Literal; readonly text: string }
  | { readonly kind: 'word'; readonly value: string; readonly text: string }
  | { readonly kind: 'punct'; readonly value: '(' | ')' | ':' | ','; readonly text: string };

const TOKEN =
  /\s*(?:('(?:[^']|'')*')|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))|(-?\d+(?:\.\d+)?)(?![\w-])|([A-Za-z_$][\w$]*(?:\/[A-Za-z_$][\w$]*)*)|([():,]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null)
      throw invalidClause(`unexpected text at position ${start}: '${text.slice(start, start + 20)}'`);
    const [whole, quoted, datetime, number, word, punct] = match;
    if (quoted !== undefined)
      tokens.push({ kind: 'literal', value: quoted.slice(1, -1).replace(/''/g, "'"), text: whole });
    else if (datetime !== undefined)
      tokens.push({ kind: 'literal', value: { datetime: Date.parse(datetime) }, text: whole });
    else if (number !== undefined) tokens.push({ kind: 'literal', value: Number(number), text: whole });
    else if (word !== undefined) {
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false')
        tokens.push({ kind: 'literal', value: lower === 'true', text: whole });
      else if (lower === 'null') tokens.push({ kind: 'literal', value: null, text: whole });
      else tokens.push({ kind: 'word', value: word, text: whole });
    } else if (punct === '(' || punct === ')' || punct === ':' || punct === ',')
      tokens.push({ kind: 'punct', value: punct, text: whole });
  }
  return tokens;
}

const invalidClause = (detail: string): GraphError =>
  graphErrors.queryOption(`Invalid filter clause: ${detail}`);

// ---------------------------------------------------------------- parser

type Node =
  | { readonly type: 'and' | 'or'; readonly left: Node; readonly right: Node }
  | { readonly type: 'not'; readonly operand: Node }
  | {
      readonly type: 'compare';
      readonly op: CompareOp;
      readonly scope: string | null;
      readonly field: string;
      readonly value: Literal;
    }
  | {
      readonly type: 'lambda';
      readonly quantifier: 'any' | 'all';
      readonly scope: string | null;
      readonly collection: string;
      readonly variable: string;
      readonly body: Node;
    };

const COMPARE_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
type CompareOp = (typeof COMPARE_OPS)[number];
const isCompareOp = (word: string): word is CompareOp => (COMPARE_OPS as readonly string[]).includes(word);

const TYPE_NAMES: Readonly<Record<ItemType, string>> = {
  message: 'microsoft.graph.message',
  extendedProperty: 'microsoft.graph.singleValueLegacyExtendedProperty',
  recipient: 'microsoft.graph.recipient',
};

class Parser {
  private position = 0;
  /** Top-level message properties in the order the filter names them. */
  readonly properties: string[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly rootType: ItemType,
  ) {}

  parse(): Node {
    const node = this.or(new Map());
    const rest = this.tokens[this.position];
    if (rest !== undefined) throw invalidClause(`unexpected '${rest.text.trim()}'`);
    return node;
  }

  private peekWord(): string | undefined {
    const token = this.tokens[this.position];
    return token?.kind === 'word' ? token.value.toLowerCase() : undefined;
  }

  private expectPunct(value: '(' | ')' | ':'): void {
    const token = this.tokens[this.position];
    if (token?.kind !== 'punct' || token.value !== value) throw invalidClause(`expected '${value}'`);
    this.position += 1;
  }

  private or(variables: Map<string, ItemType>): Node {
    let left = this.and(variables);
    while (this.peekWord() === 'or') {
      this.position += 1;
      left = { type: 'or', left, right: this.and(variables) };
    }
    return left;
  }

  private and(variables: Map<string, ItemType>): Node {
    let left = this.unary(variables);
    while (this.peekWord() === 'and') {
      this.position += 1;
      left = { type: 'and', left, right: this.unary(variables) };
    }
    return left;
  }

  private unary(variables: Map<string, ItemType>): Node {
    if (this.peekWord() === 'not') {
      this.position += 1;
      return { type: 'not', operand: this.unary(variables) };
    }
    const token = this.tokens[this.position];
    if (token === undefined) throw invalidClause('the clause ends too soon');
    if (token.kind === 'punct' && token.value === '(') {
      this.position += 1;
      const inner = this.or(variables);
      this.expectPunct(')');
      return inner;
    }
    if (token.kind !== 'word') throw invalidClause(`expected a property, found '${token.text.trim()}'`);
    this.position += 1;
    const { scope, type, rest } = this.resolveScope(token.value, variables);
    const lambda = /^(.*)\/(any|all)$/i.exec(rest);
    if (lambda !== null) {
      const quantifier = lambda[2]?.toLowerCase() === 'all' ? 'all' : 'any';
      return this.lambda(scope, type, lambda[1] ?? '', quantifier, variables);
    }
    const field = rest.toLowerCase();
    if (!FIELDS[type].has(field)) {
      throw graphErrors.queryOption(
        `Could not find a property named '${rest}' on type '${TYPE_NAMES[type]}'.`,
      );
    }
    const opToken = this.tokens[this.position];
    const op = opToken?.kind === 'word' ? opToken.value.toLowerCase() : '';
    if (!isCompareOp(op)) throw invalidClause(`expected a comparison after '${rest}'`);
    this.position += 1;
    const valueToken = this.tokens[this.position];
    if (valueToken?.kind !== 'literal') throw invalidClause(`expected a value after '${rest} ${op}'`);
    this.position += 1;
    if (scope === null && type === this.rootType) this.note(field);
    return { type: 'compare', op, scope, field, value: valueToken.value };
  }

  private lambda(
    scope: string | null,
    type: ItemType,
    collectionName: string,
    quantifier: 'any' | 'all',
    variables: Map<string, ItemType>,
  ): Node {
    const collection = collectionName.toLowerCase();
    const itemType = type === 'message' ? COLLECTIONS[collection] : undefined;
    if (itemType === undefined) {
      throw graphErrors.queryOption(
        `Could not find a collection named '${collectionName}' on type '${TYPE_NAMES[type]}'.`,
      );
    }
    if (scope === null && type === this.rootType) this.note(collection);
    this.expectPunct('(');
    const variableToken = this.tokens[this.position];
    if (variableToken?.kind !== 'word' || variableToken.value.includes('/'))
      throw invalidClause('expected a lambda variable');
    this.position += 1;
    this.expectPunct(':');
    const inner = new Map(variables);
    inner.set(variableToken.value, itemType);
    const body = this.or(inner);
    this.expectPunct(')');
    return { type: 'lambda', quantifier, scope, collection, variable: variableToken.value, body };
  }

  private resolveScope(
    path: string,
    variables: Map<string, ItemType>,
  ): { scope: string | null; type: ItemType; rest: string } {
    const slash = path.indexOf('/');
    const head = slash < 0 ? path : path.slice(0, slash);
    const variableType = variables.get(head);
    if (variableType !== undefined) {
      if (slash < 0) throw invalidClause(`the lambda variable '${head}' needs a property`);
      return { scope: head, type: variableType, rest: path.slice(slash + 1) };
    }
    return { scope: null, type: this.rootType, rest: path };
  }

  private note(property: string): void {
    if (!this.properties.includes(property)) this.properties.push(property);
  }
}

// ---------------------------------------------------------------- evaluation

function literalValue(literal: Literal): Value {
  return typeof literal === 'object' && literal !== null ? literal.datetime : literal;
}

function compare(op: CompareOp, actual: Value | undefined, literal: Literal): boolean {
  const expected = literalValue(literal);
  const a = typeof actual === 'string' ? actual.toLowerCase() : (actual ?? null);
  const b = typeof expected === 'string' ? expected.toLowerCase() : expected;
  if (op === 'eq') return a === b;
  if (op === 'ne') return a !== b;
  if (a === null || b === null || typeof a !== typeof b) return false;
  if (op === 'gt') return a > b;
  if (op === 'ge') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

function evaluate(node: Node, root: Row, variables: ReadonlyMap<string, Row>): boolean {
  switch (node.type) {
    case 'and':
      return evaluate(node.left, root, variables) && evaluate(node.right, root, variables);
    case 'or':
      return evaluate(node.left, root, variables) || evaluate(node.right, root, variables);
    case 'not':
      return !evaluate(node.operand, root, variables);
    case 'compare': {
      const row = node.scope === null ? root : variables.get(node.scope);
      // Extended property ids compare in their canonical form, whatever the spelling in the URL.
      const value =
        node.field === 'id' && typeof node.value === 'string' ? normalizePropertyId(node.value) : node.value;
      return compare(node.op, row?.fields[node.field], value);
    }
    case 'lambda': {
      const row = node.scope === null ? root : variables.get(node.scope);
      const items = row?.collections[node.collection] ?? [];
      const test = (item: Row): boolean =>
        evaluate(node.body, root, new Map([...variables, [node.variable, item]]));
      return node.quantifier === 'any' ? items.some(test) : items.every(test);
    }
  }
}

/** A parsed filter over messages, with the top-level properties it names (for the `$orderby` rule). */
export interface MessageFilter {
  readonly test: (message: StoredMessage) => boolean;
  readonly properties: readonly string[];
}

export function parseMessageFilter(text: string): MessageFilter {
  const parser = new Parser(tokenize(text), 'message');
  const node = parser.parse();
  return { test: (message) => evaluate(node, messageRow(message), new Map()), properties: parser.properties };
}

/** A `$filter` inside `$expand=singleValueExtendedProperties(...)`: over `id` and `value`. */
export function parsePropertyFilter(text: string): (property: ExtendedProperty) => boolean {
  const node = new Parser(tokenize(text), 'extendedProperty').parse();
  return (property) => evaluate(node, propertyRow(property), new Map());
}

// ---------------------------------------------------------------- query options

export interface Expand {
  /** Which extended properties to return; `null`: the property is not expanded (Graph omits it). */
  readonly extendedProperties: ((property: ExtendedProperty) => boolean) | null;
  readonly attachments: boolean;
}

export interface ItemQuery {
  /** Canonical property names; `null`: all. */
  readonly select: readonly string[] | null;
  readonly expand: Expand;
}

export interface OrderBy {
  readonly property: string;
  readonly descending: boolean;
}

export interface ListQuery extends ItemQuery {
  readonly filter: MessageFilter | null;
  readonly orderBy: readonly OrderBy[];
  readonly top: number;
  readonly skip: number;
  readonly count: boolean;
}

const LIST_OPTIONS = new Set([
  '$filter',
  '$select',
  '$expand',
  '$top',
  '$skip',
  '$orderby',
  '$count',
  '$search',
]);
const ITEM_OPTIONS = new Set(['$select', '$expand']);
export const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;
const ORDERABLE: Readonly<Record<string, string>> = {
  createddatetime: 'createdDateTime',
  lastmodifieddatetime: 'lastModifiedDateTime',
  receiveddatetime: 'receivedDateTime',
  sentdatetime: 'sentDateTime',
  subject: 'subject',
  importance: 'importance',
};

function options(params: URLSearchParams, allowed: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  for (const [rawName, value] of params) {
    if (!rawName.startsWith('$')) continue;
    const name = rawName.toLowerCase();
    if (!allowed.has(name)) throw graphErrors.queryOption(`Query option '${rawName}' is not allowed here.`);
    if (found.has(name))
      throw graphErrors.queryOption(`Query option '${rawName}' was specified more than once.`);
    found.set(name, value);
  }
  return found;
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === "'") quoted = !quoted;
    if (!quoted && char === '(') depth += 1;
    if (!quoted && char === ')') depth -= 1;
    if (!quoted && depth === 0 && char === ',') {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

function parseExpand(text: string | undefined): Expand {
  let extendedProperties: Expand['extendedProperties'] = null;
  let attachments = false;
  for (const part of text === undefined ? [] : splitTopLevel(text)) {
    const match = /^([A-Za-z]+)(?:\((.*)\))?$/s.exec(part);
    const name = match?.[1]?.toLowerCase();
    const inner = match?.[2];
    if (name === 'singlevalueextendedproperties') {
      if (inner === undefined || inner.trim() === '') {
        extendedProperties = () => true;
        continue;
      }
      const filter = /^\s*\$filter\s*=\s*(.+)$/is.exec(inner);
      if (filter?.[1] === undefined)
        throw graphErrors.queryOption(`Unsupported options in $expand: '${part}'.`);
      extendedProperties = parsePropertyFilter(filter[1]);
    } else if (name === 'attachments' && inner === undefined) {
      attachments = true;
    } else {
      throw graphErrors.queryOption(
        `Could not find a navigation property named '${part}' on type 'microsoft.graph.message' (or its options are not supported).`,
      );
    }
  }
  return { extendedProperties, attachments };
}

function parseSelect(text: string | undefined, properties: readonly string[]): readonly string[] | null {
  if (text === undefined) return null;
  const byLower = new Map(properties.map((property) => [property.toLowerCase(), property]));
  return text.split(',').map((raw) => {
    const name = raw.trim();
    const canonical = byLower.get(name.toLowerCase());
    if (canonical === undefined)
      throw graphErrors.queryOption(
        `Could not find a property named '${name}' on type 'microsoft.graph.message'.`,
      );
    return canonical;
  });
}

const integer = (
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  fallback: number,
): number => {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim()))
    throw graphErrors.queryOption(`Invalid value '${text}' for ${name}: an integer is expected.`);
  const value = Number(text.trim());
  if (value < min || value > max)
    throw graphErrors.queryOption(`Invalid value '${text}' for ${name}: it must be from ${min} to ${max}.`);
  return value;
};

/** `$select` and `$expand` on a single message. */
export function parseItemQuery(params: URLSearchParams, selectable: readonly string[]): ItemQuery {
  const found = options(params, ITEM_OPTIONS);
  return { select: parseSelect(found.get('$select'), selectable), expand: parseExpand(found.get('$expand')) };
}

/** The options of a message collection. */
export function parseListQuery(params: URLSearchParams, selectable: readonly string[]): ListQuery {
  const found = options(params, LIST_OPTIONS);
  if (found.has('$search')) throw graphErrors.queryOption('$search is not supported by the simulator.');
  const filterText = found.get('$filter');
  const filter = filterText === undefined ? null : parseMessageFilter(filterText);
  const orderBy: OrderBy[] = (found.get('$orderby') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [name = '', direction = 'asc', ...extra] = part.split(/\s+/);
      const property = ORDERABLE[name.toLowerCase()];
      if (property === undefined || extra.length > 0 || !/^(asc|desc)$/i.test(direction)) {
        throw graphErrors.queryOption(`Invalid $orderby clause '${part}'.`);
      }
      return { property, descending: direction.toLowerCase() === 'desc' };
    });
  if (filter !== null && orderBy.length > 0) {
    const ordered = orderBy.map((order) => order.property.toLowerCase());
    if (ordered.some((property, index) => filter.properties[index] !== property)) {
      throw new GraphError(
        400,
        'InefficientFilter',
        'The restriction or sort order is too complex for this operation.',
      );
    }
  }
  const countText = found.get('$count');
  if (countText !== undefined && !/^(true|false)$/i.test(countText))
    throw graphErrors.queryOption(`Invalid value '${countText}' for $count.`);
  return {
    select: parseSelect(found.get('$select'), selectable),
    expand: parseExpand(found.get('$expand')),
    filter,
    orderBy,
    top: integer('$top', found.get('$top'), 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    skip: integer('$skip', found.get('$skip'), 0, Number.MAX_SAFE_INTEGER, 0),
    count: countText?.toLowerCase() === 'true',
  };
}
