/**
 * Reminder addresses (docs/rules.md §1.21–1.23). An address is valid when, trimmed, it has exactly one `@`,
 * no whitespace character (JavaScript's `\s`), something before the `@`, and after it a dot with something
 * on both sides. Deliberately simpler than RFC 5322: it catches what ERPs really hold by mistake
 * (two addresses in one field, a missing domain, a stray space) without refusing unusual valid ones.
 *
 * That rule is the engine's, pinned by the plan fixtures, and stays exactly as written (docs/rules.md §1.21).
 * What no bare mailbox address contains but what turns a string into something else in a mail header or
 * on screen is refused earlier, at the ERP border (`isBareAddress`, used by the wire schemas).
 */

const WHITESPACE = /\s/;
/** Quotes and angle brackets, Unicode controls (Cc), format characters (Cf: zero-width, bidi, BOM), surrogates (Cs), private use (Co). */
const NOT_IN_ADDR_SPEC = /["<>]|[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/u;

/** True when `address` (already trimmed) is a usable reminder address. */
export function isValidEmailAddress(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || address.indexOf('@', at + 1) !== -1 || WHITESPACE.test(address)) return false;
  const domain = address.slice(at + 1);
  for (let i = 1; i < domain.length - 1; i++) if (domain[i] === '.') return true;
  return false;
}

/**
 * True when `address`, trimmed, has none of what a bare mailbox address (RFC 5322 dot-atom `addr-spec`)
 * never contains and what makes a string pose as something else in a header or on screen: quotes and angle
 * brackets (a display name such as `"x" <evil@x.com>`, a `<route>`), control characters (NUL…), invisible format characters
 * (zero-width U+200B–U+200D, U+2060, U+FEFF, soft hyphen) and bidi controls (U+202A–U+202E,
 * U+2066–U+2069), which could show the clerk one address and mail another, lone surrogates and
 * private-use characters. Letters of any script stay (IDN mailboxes). Says nothing about validity: typing
 * mistakes an ERP really holds (`a@x.it; b@x.it`, a stray comma) are the engine's rule's to drop, not a
 * reason to refuse the whole customer.
 */
export function isBareAddress(address: string): boolean {
  return !NOT_IN_ADDR_SPEC.test(address.trim());
}

/**
 * The valid addresses among `addresses`, trimmed, in their order, each once (case ignored, the first
 * spelling kept), leaving out any whose lower-case form is in `exclude` (which it also extends).
 */
export function collectAddresses(
  addresses: Iterable<string | undefined>,
  exclude: Set<string> = new Set<string>(),
): string[] {
  const result: string[] = [];
  for (const raw of addresses) {
    if (raw === undefined) continue;
    const address = raw.trim();
    if (!isValidEmailAddress(address)) continue;
    const folded = address.toLowerCase();
    if (exclude.has(folded)) continue;
    exclude.add(folded);
    result.push(address);
  }
  return result;
}

/** Longest display name put beside an address, in characters (code points); longer ones end in `…`. */
export const MAX_DISPLAY_NAME = 100;

/**
 * The display name to show beside a recipient's address (e.g. the customer's name from the ERP), made
 * harmless: invisible and bidi characters removed, control characters and runs of whitespace turned into
 * one space, double quotes into single ones and angle brackets into parentheses (so no name can pose as a
 * `"name" <address>` of its own), at most `MAX_DISPLAY_NAME` characters. Undefined when nothing is left.
 */
export function safeDisplayName(name: string): string | undefined {
  const cleaned = name
    .replace(/[\p{Cf}\p{Cs}\p{Co}]/gu, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .replace(/"/g, "'")
    .replace(/</g, '(')
    .replace(/>/g, ')')
    .trim();
  const characters = Array.from(cleaned);
  const capped =
    characters.length > MAX_DISPLAY_NAME
      ? `${characters
          .slice(0, MAX_DISPLAY_NAME - 1)
          .join('')
          .trimEnd()}…`
      : cleaned;
  return capped === '' ? undefined : capped;
}
