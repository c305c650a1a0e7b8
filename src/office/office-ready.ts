/**
 * The one door to Office.js start-up. office.js comes from Microsoft's CDN, which may be blocked (a
 * corporate proxy, an offline laptop, the browser demo): then `Office` is undefined and the pane must
 * still work, as a plain web page.
 */

export interface OfficeReadyInfo {
  /** `Outlook` inside Outlook; `null` in a plain browser or when office.js did not load. */
  readonly host: string | null;
}

/**
 * Resolves once Office.js has initialised, with the host the pane runs in. Resolves `{ host: null }` at
 * once when office.js is not loaded. Rejects with an `Error` (never a string) when `Office.onReady`
 * throws or rejects.
 */
export function officeReady(): Promise<OfficeReadyInfo> {
  if (typeof Office === 'undefined') return Promise.resolve({ host: null });
  return new Promise<OfficeReadyInfo>((resolve, reject) => {
    const fail = (cause: unknown): void =>
      reject(
        cause instanceof Error
          ? cause
          : new Error(`Office.js failed to initialise: ${String(cause)}`, { cause }),
      );
    try {
      // HostType is typed as a numeric enum but holds strings at run time ("Outlook").
      Office.onReady()
        .then((info) =>
          resolve({ host: info.host === null || info.host === undefined ? null : String(info.host) }),
        )
        .catch(fail);
    } catch (cause) {
      fail(cause);
    }
  });
}

/**
 * Office's display language (e.g. `it-IT`) when the pane runs inside an Office host, else undefined.
 * Call after `officeReady()`: before it, `Office.context` is not initialised.
 */
export function officeDisplayLanguage(): string | undefined {
  if (typeof Office === 'undefined') return undefined;
  try {
    const language: unknown = Office.context?.displayLanguage;
    return typeof language === 'string' && language !== '' ? language : undefined;
  } catch {
    // Outside a host, some office.js builds throw from `Office.context` getters instead of returning undefined.
    return undefined;
  }
}
