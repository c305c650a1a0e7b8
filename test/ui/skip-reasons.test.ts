/** Every reason a due item can be left out has its own sentence in Italian and in English (docs/rules.md §1.11, §1.30). */
import type { SkipReason } from '../../src/domain/types';
import { messagesFor } from '../../src/ui/i18n';

const EVERY_REASON = [
  'unknown_customer',
  'blocked',
  'disputed',
  'on_hold',
  'no_email',
  'below_minimum',
  'amount_overflow',
] as const satisfies readonly SkipReason[];

test('each skip reason reads differently in each language, on_hold included', () => {
  for (const language of ['it', 'en'] as const) {
    const sentences = EVERY_REASON.map((reason) => messagesFor(language).skipReason(reason, '10,00 €'));
    expect(sentences.every((sentence) => typeof sentence === 'string' && sentence.trim() !== '')).toBe(true);
    expect(new Set(sentences).size).toBe(EVERY_REASON.length);
  }
  expect(messagesFor('it').skipReason('on_hold', '')).toMatch(/sospeso/);
  expect(messagesFor('en').skipReason('on_hold', '')).toMatch(/on hold/);
});
