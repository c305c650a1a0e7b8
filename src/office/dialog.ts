/**
 * The Office dialog API as promises: `displayDialogAsync` opens a page of ours in a separate window; the page
 * answers with `Office.context.ui.messageParent`, which arrives here as `DialogMessageReceived`; the host
 * reports a closed or broken dialog as `DialogEventReceived` with a numeric code. Used by sign-in when a
 * popup is blocked (src/auth/dialog-sign-in.ts).
 */
import { officeContext } from './host';
import { callOfficeAsync, OfficeCallError } from './office-error';
import { messageOf } from '../domain/message-of';

export interface DialogOptions {
  /** Percent of the screen (default 60 × 40). */
  readonly heightPercent?: number;
  readonly widthPercent?: number;
  /** Outlook on the web: open as an iframe instead of a window (no popup blocker; the page must allow framing). */
  readonly displayInIframe?: boolean;
  /** Outlook on the web: ask the user before opening (a window opened without a click may be blocked). */
  readonly promptBeforeOpen?: boolean;
}

export interface DialogMessage {
  readonly message: string;
  /** The sending page's origin, where the host reports it (DialogOrigin 1.1). */
  readonly origin?: string;
}

export interface OpenedDialog {
  /** The next message from the page; rejects with an `OfficeCallError` once the dialog is closed or failed. */
  nextMessage(): Promise<DialogMessage>;
  /** Closes the window. Safe to call twice. */
  close(): void;
}

/** What the host's `DialogEventReceived` codes mean (Office's "Errors and events in the dialog box"). */
export const DIALOG_EVENT_MESSAGES: Readonly<Record<number, string>> = {
  12002: 'the sign-in page could not be loaded (wrong address, or it answered with an error)',
  12003: 'the dialog was sent to an http:// address: https is required',
  12006: 'the dialog was closed',
  12007: 'another dialog of this add-in is already open',
  12009: 'the user chose not to open the dialog',
  12011: "the browser's settings block the dialog (Outlook on the web: allow pop-ups for this site)",
};

/** Whether this host can open an Office dialog (inside Office with Dialog API support). */
export function canDisplayDialog(): boolean {
  const context = officeContext();
  try {
    return typeof context?.ui?.displayDialogAsync === 'function';
  } catch {
    return false;
  }
}

/**
 * Opens `url` (an https page of the add-in's own origin) in an Office dialog. Rejects with an
 * `OfficeCallError` when Office is not there (`officeName` `NotInOffice`) or refuses to open it (its code,
 * e.g. 12007 when another dialog is open).
 */
export async function displayDialog(url: string, options: DialogOptions = {}): Promise<OpenedDialog> {
  const context = officeContext();
  if (context === undefined || !canDisplayDialog()) {
    throw new OfficeCallError(
      'ui.displayDialogAsync',
      'Office dialogs are available only inside Office',
      undefined,
      'NotInOffice',
    );
  }
  const dialog = await callOfficeAsync<Office.Dialog>('ui.displayDialogAsync', (callback) =>
    context.ui.displayDialogAsync(
      url,
      {
        height: options.heightPercent ?? 60,
        width: options.widthPercent ?? 40,
        ...(options.displayInIframe !== undefined ? { displayInIframe: options.displayInIframe } : {}),
        ...(options.promptBeforeOpen !== undefined ? { promptBeforeOpen: options.promptBeforeOpen } : {}),
      },
      callback,
    ),
  );

  const queued: DialogMessage[] = [];
  const waiting: Array<{ resolve: (message: DialogMessage) => void; reject: (error: Error) => void }> = [];
  let failure: OfficeCallError | undefined;
  let closed = false;

  const fail = (error: OfficeCallError): void => {
    if (failure !== undefined) return;
    failure = error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };

  dialog.addEventHandler(Office.EventType.DialogMessageReceived, (args) => {
    if (!('message' in args)) return;
    const message: DialogMessage = {
      message: String(args.message),
      ...(typeof args.origin === 'string' ? { origin: args.origin } : {}),
    };
    const waiter = waiting.shift();
    if (waiter !== undefined) waiter.resolve(message);
    else queued.push(message);
  });
  dialog.addEventHandler(Office.EventType.DialogEventReceived, (args) => {
    const code = 'error' in args && typeof args.error === 'number' ? args.error : undefined;
    const meaning = code !== undefined ? DIALOG_EVENT_MESSAGES[code] : undefined;
    fail(
      new OfficeCallError(
        'dialog',
        `Office dialog: ${meaning ?? 'the dialog reported an error'}${code !== undefined ? ` (Office error ${code})` : ''}`,
        code,
      ),
    );
  });

  return {
    nextMessage: () => {
      const message = queued.shift();
      if (message !== undefined) return Promise.resolve(message);
      if (failure !== undefined) return Promise.reject(failure);
      if (closed)
        return Promise.reject(new OfficeCallError('dialog', 'Office dialog: the dialog was closed', 12006));
      return new Promise<DialogMessage>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    close: () => {
      if (closed) return;
      closed = true;
      fail(new OfficeCallError('dialog', 'Office dialog: the dialog was closed', 12006));
      try {
        dialog.close();
      } catch {
        // Already closed by the user or the host: nothing left to close.
      }
    },
  };
}

/**
 * From inside a dialog page: sends `message` to the task pane that opened it. Returns false when the page is
 * not in an Office dialog (opened directly in a browser). Throws an `OfficeCallError` if Office refuses.
 */
export function messageParent(message: string): boolean {
  const context = officeContext();
  let ui: Office.UI | undefined;
  try {
    ui = context?.ui;
  } catch {
    ui = undefined;
  }
  if (ui === undefined || typeof ui.messageParent !== 'function') return false;
  try {
    ui.messageParent(message);
    return true;
  } catch (cause) {
    throw new OfficeCallError(
      'ui.messageParent',
      `ui.messageParent failed: ${messageOf(cause)}`,
      undefined,
      undefined,
      { cause },
    );
  }
}
