/**
 * The built-in texts: every `%Word` in them is a placeholder, and the Sollecito (and, more softly, the
 * Estratto conto) tells the customer the late-payment interest and indemnity, calculated on the amount
 * still open, in Italian and English.
 */
import { defaultSetup } from '../../dev/erp/seed/default-setup';
import { defaultTexts } from './default-texts';
import { findUnknownPlaceholders } from './placeholders';

const KINDS = ['promemoria', 'estratto_conto', 'sollecito'] as const;

test.each(KINDS)('the built-in %s texts use only known placeholders', (kind) => {
  for (const text of Object.values(defaultTexts(kind))) {
    expect(findUnknownPlaceholders(`${text.subject}\n${text.body}`)).toEqual([]);
  }
});

test('the built-in Sollecito states interest, indemnity and the total due, calculated on the amount still open', () => {
  const { it, en } = defaultTexts('sollecito');
  for (const body of [it?.body, en?.body]) {
    expect(body).toContain('%Interessi');
    expect(body).toContain('%Indennita');
    expect(body).toContain('%TotaleDovuto');
  }
  expect(it?.body).toContain("calcolati sull'importo ancora aperto");
  expect(en?.body).toContain('calculated on the amount still open');
});

test('the built-in Estratto conto mentions the interest accrued, not the Promemoria (sent before the due date)', () => {
  expect(defaultTexts('estratto_conto').it?.body).toContain(
    "ad oggi %Interessi, calcolati sull'importo ancora aperto",
  );
  expect(defaultTexts('estratto_conto').en?.body).toContain(
    '%Interessi to date, calculated on the amount still open',
  );
  for (const text of Object.values(defaultTexts('promemoria'))) expect(text.body).not.toContain('%Interessi');
});

test("the demo company's texts use only known placeholders, and its Sollecito states interest, indemnity and total due", () => {
  const levels = defaultSetup().levels;
  for (const level of levels) {
    for (const text of Object.values(level.texts)) {
      expect(findUnknownPlaceholders(`${text.subject}\n${text.body}`)).toEqual([]);
    }
  }
  const sollecito = levels.find((level) => level.kind === 'sollecito');
  for (const language of ['it', 'en']) {
    const body = sollecito?.texts[language]?.body;
    expect(body).toMatch(/%Interessi[\s\S]*%Indennita[\s\S]*%TotaleDovuto/);
  }
  expect(sollecito?.texts.it?.body).toContain("calcolati sull'importo ancora aperto");
});
