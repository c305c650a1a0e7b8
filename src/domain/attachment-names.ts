/**
 * The file names of a communication's invoice PDFs, as the customer receives them: one rule for the
 * preview and the mailer, so the preview shows exactly what is attached.
 */

/**
 * Characters that never reach a file name: controls (C0, DEL, C1), invisible format characters (zero-width
 * U+200B–U+200D, U+2060, U+FEFF, soft hyphen) and bidi controls (U+202A–U+202E, U+2066–U+2069) — a U+202E
 * in `FT 1\u202Efdp.exe` would show the customer `FT 1exe.pdf` — lone surrogates and private-use ones.
 */
const INVISIBLE = /[\p{Cf}\p{Cs}\p{Co}]/gu;
/** Characters Windows refuses in a name, and controls: each becomes `-`. */
const RESERVED = /[\p{Cc}\\/:*?"<>|]/gu;
/**
 * Device names Windows reserves whatever the extension (`CON.pdf`, `nul.2026.pdf`, `COM1 .pdf`): the
 * part before the first dot, trailing spaces ignored, case ignored. Superscript digits count too.
 */
const WINDOWS_DEVICE = /^(?:CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])$/i;

/**
 * A file name Outlook and Windows accept, from a document number (`FT 2026/118` → `FT 2026-118.pdf`):
 * invisible characters removed, reserved ones and controls turned into `-` (runs of them into one), no
 * leading or trailing spaces, no trailing dots, and a device name such as `CON` followed by `_`.
 */
export function pdfNameFor(documentNumber: string): string {
  let safe = documentNumber
    .replace(INVISIBLE, '')
    .replace(RESERVED, '-')
    .replace(/-+/g, '-')
    .trim()
    .replace(/[. ]+$/, '');
  const dot = safe.indexOf('.');
  const stem = (dot === -1 ? safe : safe.slice(0, dot)).trimEnd();
  if (WINDOWS_DEVICE.test(stem)) safe = `${stem}_${dot === -1 ? '' : safe.slice(dot)}`;
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
