/**
 * What the settings editor saves: every HTML text of the draft filtered against the HTML policy
 * (src/domain/html-policy.ts), placeholders kept as `%Name`. The renderer filters again at every send,
 * for setups written into the ERP some other way; saving the filtered text makes the ERP hold what is
 * actually sent. Plain-text texts are escaped whole when rendered and are saved as typed.
 */
import { sanitizeHtmlText } from '../domain/html-policy';
import type { SetupDraft } from './setup-draft';

export function filterDraftTexts(draft: SetupDraft): SetupDraft {
  const levels = draft.levels.map((level) => {
    const entries = Object.entries(level.texts);
    if (!entries.some(([, text]) => text.format === 'html')) return level;
    const texts = Object.fromEntries(
      entries.map(([language, text]) =>
        text.format === 'html'
          ? [language, { ...text, body: sanitizeHtmlText(text.body).text }]
          : [language, text],
      ),
    );
    return { ...level, texts };
  });
  return levels.every((level, index) => level === draft.levels[index]) ? draft : { ...draft, levels };
}
