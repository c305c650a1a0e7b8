/**
 * office-addin-mock for Outlook, set up the way jest needs it: the package
 * imports office-addin-manifest only for its `OfficeApp` enum, and that import drags in ESM-only modules
 * jest cannot load — so the enum is provided here. The mock needs `host: "outlook"` and no `null` anywhere.
 */
jest.mock('office-addin-manifest', () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
}));

import { OfficeMockObject } from 'office-addin-mock';

/** The Office.js enums our code reads, with their real run-time values. */
export const OFFICE_ENUMS = {
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  MailboxEnums: { RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
} as const;

type Data = Record<string, unknown>;

interface OfficeGlobal {
  Office?: unknown;
}

/** Installs a mock `Office` global for Outlook with `context` (and anything else) from `data`. */
export function installOffice(data: Data): OfficeMockObject {
  const mock = new OfficeMockObject({ host: 'outlook', ...OFFICE_ENUMS, ...data });
  (globalThis as OfficeGlobal).Office = mock;
  return mock;
}

/** Removes the `Office` global: a plain browser. */
export function uninstallOffice(): void {
  delete (globalThis as OfficeGlobal).Office;
}

/** An AsyncResult that succeeded. */
export const succeeded = <T>(value: T): { status: string; value: T } => ({ status: 'succeeded', value });

/** An AsyncResult that failed with Office's error code, name and message. */
export const failed = (
  code: number,
  name: string,
  message: string,
): { status: string; error: { code: number; name: string; message: string } } => ({
  status: 'failed',
  error: { code, name, message },
});

/** Roaming settings that behave like Office's: values in memory until `saveAsync`, which the test can make fail. */
export function fakeRoamingSettings(
  options: { failSaveWith?: { code: number; name: string; message: string } } = {},
): {
  readonly settings: Data;
  readonly saved: Map<string, unknown>;
} {
  const pending = new Map<string, unknown>();
  const saved = new Map<string, unknown>();
  return {
    saved,
    settings: {
      get: (name: string) => pending.get(name),
      set: (name: string, value: unknown) => void pending.set(name, value),
      remove: (name: string) => void pending.delete(name),
      saveAsync: (callback: (result: unknown) => void) => {
        if (options.failSaveWith !== undefined) {
          const { code, name, message } = options.failSaveWith;
          setTimeout(() => callback(failed(code, name, message)), 0);
          return;
        }
        saved.clear();
        pending.forEach((value, key) => saved.set(key, value));
        setTimeout(() => callback(succeeded(undefined)), 0);
      },
    },
  };
}
