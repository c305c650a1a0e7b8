/**
 * The placeholders an administrator writes in a level's texts (`%Cliente`, …) and how they are found:
 * shared by the renderer, the HTML policy and the setup's validation.
 */
export const PLACEHOLDERS = [
  'Partita',
  'Importo',
  'Interessi',
  'Indennita',
  'TotaleDovuto',
  'Cliente',
  'Agente',
  'Oggi',
  'IBAN',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** `%` then a name that starts with a letter and runs over letters and digits: a name ends at the first other character. */
export const PLACEHOLDER_PATTERN = /%(\p{L}[\p{L}\p{Nd}]*)/gu;
export const isPlaceholder = (name: string): name is Placeholder =>
  (PLACEHOLDERS as readonly string[]).includes(name);

/** The known placeholders of `template` with where each starts and ends, in order. */
export function placeholderSpans(
  template: string,
): { readonly name: Placeholder; readonly start: number; readonly end: number }[] {
  const spans: { name: Placeholder; start: number; end: number }[] = [];
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] as string;
    if (isPlaceholder(name)) spans.push({ name, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** The `%Words` of a template that are not placeholders, each once, in order: left as typed and flagged in the editor. */
export function findUnknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] as string;
    if (!isPlaceholder(name)) unknown.add(`%${name}`);
  }
  return [...unknown];
}
