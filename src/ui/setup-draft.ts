/**
 * Editing the reminder setup in the settings view: the draft is the setup as the ERP stores it
 * (`ReminderSetupWire`), changed by these small pure steps; `validateSetup` (the domain) says whether it
 * can be saved. The editor uses `recurrenceRefusal` to say why it does not let a level repeat.
 */
import { defaultTexts } from '../domain/default-texts';
import type { ReminderSetupWire } from '../erp/wire';

export type SetupDraft = ReminderSetupWire;
export type LevelDraft = SetupDraft['levels'][number];

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** The index of the last level (the one with the highest days, wherever it is listed); -1 if none has days. */
export function lastLevelIndex(levels: readonly LevelDraft[]): number {
  let last = -1;
  levels.forEach((level, index) => {
    if (!isInteger(level.days)) return;
    const lastDays = last < 0 ? undefined : levels[last]?.days;
    if (lastDays === undefined || level.days > lastDays) last = index;
  });
  return last;
}

/** Why a level may not repeat (it is not the last one), naming the last level; undefined when it may. */
export function recurrenceRefusal(
  levels: readonly LevelDraft[],
  index: number,
): { readonly lastName: string } | undefined {
  const last = lastLevelIndex(levels);
  if (last === index || last < 0) return undefined;
  const level = levels[last];
  return { lastName: level?.name !== undefined && level.name !== '' ? level.name : (level?.id ?? '') };
}

/** The levels in the order the engine uses them: by days (levels without a number keep their place at the end). */
export function sortLevels(draft: SetupDraft): SetupDraft {
  const levels = [...draft.levels].sort(
    (a, b) => (isInteger(a.days) ? a.days : Infinity) - (isInteger(b.days) ? b.days : Infinity),
  );
  return levels.every((level, index) => level === draft.levels[index]) ? draft : { ...draft, levels };
}

export function updateLevel(draft: SetupDraft, index: number, patch: Partial<LevelDraft>): SetupDraft {
  return { ...draft, levels: draft.levels.map((level, i) => (i === index ? { ...level, ...patch } : level)) };
}

/** A new last level, 15 days after the current last one, with the built-in texts of a `sollecito`. */
export function addLevel(draft: SetupDraft, name: string): SetupDraft {
  const ids = new Set(draft.levels.map((level) => level.id));
  let n = draft.levels.length + 1;
  while (ids.has(`L${n}`)) n++;
  const maxDays = Math.max(
    -15,
    ...draft.levels.map((level) => (isInteger(level.days) ? level.days : -Infinity)),
  );
  const texts = defaultTexts('sollecito');
  const level = {
    id: `L${n}`,
    name,
    kind: 'sollecito',
    days: maxDays + 15,
    recurEveryDays: undefined,
    recurMaxCount: undefined,
    texts: { ...texts },
  } as LevelDraft;
  return { ...draft, levels: [...draft.levels, level] };
}

export function removeLevel(draft: SetupDraft, index: number): SetupDraft {
  return { ...draft, levels: draft.levels.filter((_, i) => i !== index) };
}

/** Writes one text (subject, body, format) of a level in a language. */
export function updateText(
  draft: SetupDraft,
  index: number,
  language: string,
  patch: Partial<LevelDraft['texts'][string]>,
): SetupDraft {
  const level = draft.levels[index];
  if (level === undefined) return draft;
  const current = level.texts[language] ?? { subject: '', body: '', format: 'text' as const };
  return updateLevel(draft, index, { texts: { ...level.texts, [language]: { ...current, ...patch } } });
}

/** `text` with `insert` replacing the selection [start, end): what a placeholder button does at the cursor. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  insert: string,
): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}

/** A list typed one item per line (or separated by commas): trimmed, empty ones dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
