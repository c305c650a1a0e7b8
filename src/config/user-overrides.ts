/**
 * The user's own values for the settings, kept in the user settings store (Office roaming settings inside
 * Office, localStorage outside): never in Dexie, never in a log. The static ERP key lives only here.
 */
import type { UserSettingsStore } from '../office/roaming-settings';
import { SETTING_KEYS, type SettingKey } from './settings';

const storeName = (key: SettingKey): string => `config.${key}`;

/** The overrides the user saved (only non-empty values). */
export function readUserOverrides(store: UserSettingsStore): Partial<Record<SettingKey, string>> {
  const overrides: Partial<Record<SettingKey, string>> = {};
  for (const key of SETTING_KEYS) {
    const value = store.get(storeName(key));
    if (value !== undefined && value.trim() !== '') overrides[key] = value;
  }
  return overrides;
}

/**
 * Saves the given overrides and persists them: a value sets it, `''` or `undefined` removes it (back to the
 * build default). Keys not given are left as they are. Rejects with the store's error (e.g. an
 * `OfficeCallError` from `roamingSettings.saveAsync`).
 */
export async function saveUserOverrides(
  store: UserSettingsStore,
  changes: Readonly<Partial<Record<SettingKey, string | undefined>>>,
): Promise<void> {
  for (const key of SETTING_KEYS) {
    if (!(key in changes)) continue;
    const value = changes[key]?.trim() ?? '';
    if (value === '') store.remove(storeName(key));
    else store.set(storeName(key), value);
  }
  await store.save();
}
