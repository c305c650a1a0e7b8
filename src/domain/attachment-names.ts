/**
 * The file names of a communication's invoice PDFs, as the customer receives them: one rule for the
 * preview and the mailer, so the preview shows exactly what is attached.
 */

/** A file name Outlook and Windows accept, from a document number (`FT 2026/118` → `FT 2026-118.pdf`). */
export function pdfNameFor(documentNumber: string): string {
  const safe = [...documentNumber]
    .map((char) => (char.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(char) ? '-' : char))
    .join('')
    .replace(/-+/g, '-')
    .trim();
  return `${safe === '' ? 'documento' : safe}.pdf`;
}

/**
 * The names of several documents' PDFs, in order: two documents whose names would coincide (ignoring case)
 * get ` (2)`, ` (3)`… so no attachment hides another.
 */
export function pdfNamesFor(documentNumbers: readonly string[]): string[] {
  const taken = new Set<string>();
  return documentNumbers.map((documentNumber) => {
    let name = pdfNameFor(documentNumber);
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = pdfNameFor(`${documentNumber} (${n})`);
    taken.add(name.toLowerCase());
    return name;
  });
}
