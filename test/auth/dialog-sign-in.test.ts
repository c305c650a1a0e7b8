/** The Office-dialog sign-in, with a fake `displayDialog` standing in for the host. */
import { signInFailed, signInSucceeded, readDialogRequest } from '../../src/auth/dialog-protocol';
import { officeDialogSignIn } from '../../src/auth/dialog-sign-in';
import type { DialogMessage, DialogOptions, OpenedDialog } from '../../src/office/dialog';
import { OfficeCallError } from '../../src/office/office-error';

const PAGE = 'https://addin.rossi-spa.it/dialog.html';
const ORIGIN = 'https://addin.rossi-spa.it';

/** A dialog that answers with the given messages (or failures), in order. */
function scriptedOpen(script: Array<DialogMessage | OfficeCallError>) {
  const opened: Array<{ url: string; options: DialogOptions; closed: boolean }> = [];
  const open = async (url: string, options: DialogOptions): Promise<OpenedDialog> => {
    const record = { url, options, closed: false };
    opened.push(record);
    const queue = [...script];
    return {
      nextMessage: async () => {
        const next = queue.shift();
        if (next === undefined) throw new OfficeCallError('dialog', 'closed', 12006);
        if (next instanceof OfficeCallError) throw next;
        return next;
      },
      close: () => {
        record.closed = true;
      },
    };
  };
  return { open, opened };
}

const signIn = (open: (url: string, options: DialogOptions) => Promise<OpenedDialog>) =>
  officeDialogSignIn({
    dialogPageUrl: PAGE,
    clientId: 'client-1',
    authority: 'https://login.microsoftonline.com/common',
    open,
  });

describe('officeDialogSignIn', () => {
  it('opens dialog.html with the request and returns the token and account it sends back', async () => {
    const { open, opened } = scriptedOpen([
      {
        message: signInSucceeded('dialog-token', 1_773_651_600_000, { username: 'marta.rossi@rossi-spa.it' }),
        origin: ORIGIN,
      },
    ]);
    const result = await signIn(open).signIn({
      scopes: ['Mail.Send'],
      loginHint: 'marta.rossi@rossi-spa.it',
    });
    expect(result).toEqual({
      accessToken: 'dialog-token',
      expiresOn: 1_773_651_600_000,
      account: { username: 'marta.rossi@rossi-spa.it' },
    });
    const url = new URL(opened[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(PAGE);
    expect(readDialogRequest(url.search)).toEqual({
      clientId: 'client-1',
      authority: 'https://login.microsoftonline.com/common',
      scopes: ['Mail.Send'],
      loginHint: 'marta.rossi@rossi-spa.it',
    });
    expect(opened[0]?.closed).toBe(true);
  });

  it('ignores messages from another origin', async () => {
    const { open } = scriptedOpen([
      {
        message: signInSucceeded('forged', 1, { username: 'mallory@evil.example' }),
        origin: 'https://evil.example',
      },
      { message: signInSucceeded('real', 2, { username: 'marta.rossi@rossi-spa.it' }), origin: ORIGIN },
    ]);
    await expect(signIn(open).signIn({ scopes: ['User.Read'] })).resolves.toMatchObject({
      accessToken: 'real',
    });
  });

  it('reports a user who closed the dialog as cancelled, and still closes it', async () => {
    const { open, opened } = scriptedOpen([
      new OfficeCallError('dialog', 'Office dialog: the dialog was closed (Office error 12006)', 12006),
    ]);
    await expect(signIn(open).signIn({ scopes: ['User.Read'] })).rejects.toMatchObject({
      name: 'SignInError',
      code: 'cancelled',
      detail: '12006',
    });
    expect(opened[0]?.closed).toBe(true);
  });

  it('reports a failure the page sent back', async () => {
    const { open } = scriptedOpen([
      { message: signInFailed('invalid_client', 'AADSTS700016: application not found'), origin: ORIGIN },
    ]);
    await expect(signIn(open).signIn({ scopes: ['User.Read'] })).rejects.toMatchObject({
      code: 'dialog_failed',
      detail: 'invalid_client',
    });
  });

  it('treats an Entra ID refusal by the user as cancelled', async () => {
    const { open } = scriptedOpen([
      { message: signInFailed('access_denied', 'the user declined consent'), origin: ORIGIN },
    ]);
    await expect(signIn(open).signIn({ scopes: ['User.Read'] })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses an unreadable answer', async () => {
    const { open } = scriptedOpen([{ message: 'hello', origin: ORIGIN }]);
    await expect(signIn(open).signIn({ scopes: ['User.Read'] })).rejects.toMatchObject({
      code: 'dialog_failed',
    });
  });

  it('reports a dialog Office would not open', async () => {
    const open = () =>
      Promise.reject(
        new OfficeCallError(
          'ui.displayDialogAsync',
          'ui.displayDialogAsync failed: already open (Office error 12007)',
          12007,
        ),
      );
    await expect(signIn(open).signIn({ scopes: ['User.Read'] })).rejects.toMatchObject({
      code: 'dialog_failed',
      detail: '12007',
    });
  });
});
