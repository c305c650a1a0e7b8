/**
 * Per-user settings that follow the user: Office `roamingSettings` inside Office (stored with the mailbox,
 * so the same in every Outlook the user opens), `localStorage` outside it (the browser demo), and memory when
 * neither is available (a locked-down browser). Values are strings; the caller owns their meaning.
 *
 * Roaming settings are limited to 32 KB per add-in and are visible to the add-in only; `saveAsync` must be
 * called for a change to persist.
 */
import { callOfficeAsync } from './office-error';
import { officeContext } from './host';

export type SettingsLocation = 'roaming' | 'local' | 'memory';

export interface UserSettingsStore {
  /** Where the values live: the settings screen says so ("saved in your mailbox" / "in this browser"). */
  readonly location: SettingsLocation;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  remove(name: string): void;
  /** Persists the changes. Rejects with an `OfficeCallError` when Office refuses (e.g. the 32 KB limit). */
  save(): Promise<void>;
}

/** A store over Office roaming settings. */
export function roamingSettingsStore(settings: Office.RoamingSettings): UserSettingsStore {
  return {
    location: 'roaming',
    get: (name) => {
      const value: unknown = settings.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    set: (name, value) => settings.set(name, value),
    remove: (name) => settings.remove(name),
    save: () =>
      callOfficeAsync<void>('roamingSettings.saveAsync', (callback) => settings.saveAsync(callback)),
  };
}

/** A store over `localStorage` (or any `Storage`), each name prefixed so other apps on the origin are left alone. */
export function localStorageSettingsStore(storage: Storage, prefix = 'solleciti.'): UserSettingsStore {
  return {
    location: 'local',
    get: (name) => storage.getItem(prefix + name) ?? undefined,
    set: (name, value) => storage.setItem(prefix + name, value),
    remove: (name) => storage.removeItem(prefix + name),
    // localStorage writes are synchronous: nothing left to persist.
    save: () => Promise.resolve(),
  };
}

/** A store that forgets everything when the pane closes. */
export function memorySettingsStore(): UserSettingsStore {
  const values = new Map<string, string>();
  return {
    location: 'memory',
    get: (name) => values.get(name),
    set: (name, value) => void values.set(name, value),
    remove: (name) => void values.delete(name),
    save: () => Promise.resolve(),
  };
}

function usableLocalStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    if (storage === undefined || storage === null) return undefined;
    // Safari in private mode and some policies expose localStorage but throw on write.
    const probe = 'solleciti.probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

/**
 * The user's settings store: roaming settings inside Office, else localStorage, else memory. Call after
 * `officeReady()`: before it, `Office.context.roamingSettings` is not there yet.
 */
export function userSettingsStore(): UserSettingsStore {
  const context = officeContext();
  let roaming: Office.RoamingSettings | undefined;
  try {
    roaming = context?.roamingSettings ?? undefined;
  } catch {
    roaming = undefined;
  }
  if (roaming !== undefined) return roamingSettingsStore(roaming);
  const storage = usableLocalStorage();
  return storage !== undefined ? localStorageSettingsStore(storage) : memorySettingsStore();
}
