/**
 * Where the pane runs. Outside Outlook (the browser demo, end-to-end tests, a blocked CDN) `Office` is
 * undefined, or office.js is loaded but has no host: every wrapper in src/office asks here first and falls
 * back to a plain-browser behaviour.
 */

/** `Office.context` when office.js is loaded and initialised in a host, else undefined. Never throws. */
export function officeContext(): Office.Context | undefined {
  if (typeof Office === 'undefined') return undefined;
  try {
    const context: Office.Context | undefined = Office.context;
    return context ?? undefined;
  } catch {
    // Outside a host, some office.js builds throw from the `Office.context` getter instead of returning undefined.
    return undefined;
  }
}

/** The Outlook mailbox when the pane runs inside Outlook, else undefined. Never throws. */
export function outlookMailbox(): Office.Mailbox | undefined {
  const context = officeContext();
  if (context === undefined) return undefined;
  try {
    return context.mailbox ?? undefined;
  } catch {
    return undefined;
  }
}

/** True inside Outlook (office.js loaded, initialised, with a mailbox). */
export function isInOutlook(): boolean {
  return outlookMailbox() !== undefined;
}

/**
 * Whether the host says it supports nested app authentication (requirement set NestedAppAuth 1.1). MSAL
 * detects the bridge itself; this is for diagnostics and the settings screen.
 */
export function hostSupportsNestedAppAuth(): boolean {
  const context = officeContext();
  try {
    return context?.requirements?.isSetSupported('NestedAppAuth', '1.1') === true;
  } catch {
    return false;
  }
}
