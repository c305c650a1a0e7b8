/**
 * Reminder addresses (DESIGN §3 "Recipients"). An address is valid when, trimmed, it has exactly one `@`,
 * no whitespace character (JavaScript's `\s`), something before the `@`, and after it a dot with something
 * on both sides. Deliberately simpler than RFC 5322: it catches what ERPs really hold by mistake
 * (two addresses in one field, a missing domain, a stray space) without refusing unusual valid ones.
 */

const WHITESPACE = /\s/;

/** True when `address` (already trimmed) is a usable reminder address. */
export function isValidEmailAddress(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || address.indexOf('@', at + 1) !== -1 || WHITESPACE.test(address)) return false;
  const domain = address.slice(at + 1);
  for (let i = 1; i < domain.length - 1; i++) if (domain[i] === '.') return true;
  return false;
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
