/**
 * @jest-environment ./test/jest-environment-jsdom-node.ts
 *
 * The sign-in page (src/taskpane/dialog.ts). Its real work is a redirect through Entra ID, which cannot
 * happen here, so MSAL is replaced at its API: these tests pin what the page does with each answer — relay
 * a popup's response, start the redirect with the right request, and report the result to the pane.
 */
import { installOffice, uninstallOffice } from '../office/office-mock';
import { dialogUrl, readDialogResult } from '../../src/auth/dialog-protocol';

const broadcastResponseToMainFrame = jest.fn(async () => undefined);
const handleRedirectPromise = jest.fn();
const acquireTokenRedirect = jest.fn(async () => undefined);
const acquireTokenSilent = jest.fn();
const getAllAccounts = jest.fn(() => [] as unknown[]);
const createStandardPublicClientApplication = jest.fn(async () => ({
  handleRedirectPromise,
  acquireTokenRedirect,
  acquireTokenSilent,
  getAllAccounts,
}));

jest.mock('@azure/msal-browser', () => ({ createStandardPublicClientApplication }));
jest.mock('@azure/msal-browser/redirect-bridge', () => ({ broadcastResponseToMainFrame }));

const REQUEST = {
  clientId: '0f2e6f4c-3b6a-4a49-9d1e-6f1c2f3a4b5c',
  authority: 'https://login.microsoftonline.com/common',
  scopes: ['Mail.ReadWrite', 'Mail.Send', 'User.Read'],
  loginHint: 'marta.rossi@rossi-spa.it',
};

let messageParent: jest.Mock;

/** Loads the page at `path` and waits until it has answered the pane (or gone to Entra ID). */
async function runPage(path: string): Promise<void> {
  window.history.replaceState(null, '', path);
  messageParent = jest.fn();
  installOffice({
    onReady: () => Promise.resolve({ host: 'Outlook' }),
    context: { ui: { messageParent, displayDialogAsync: jest.fn() } },
  });
  jest.isolateModules(() => {
    jest.requireActual('../../src/taskpane/dialog');
  });
  for (
    let i = 0;
    i < 20 &&
    messageParent.mock.calls.length === 0 &&
    acquireTokenRedirect.mock.calls.length === 0 &&
    broadcastResponseToMainFrame.mock.calls.length === 0;
    i++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const sent = () => readDialogResult(String(messageParent.mock.calls[0]?.[0]));

beforeEach(() => {
  jest.clearAllMocks();
  sessionStorage.clear();
  document.body.innerHTML = '<p id="status"></p>';
});
afterEach(() => uninstallOffice());

const requestPath = (): string => {
  const url = new URL(dialogUrl('http://localhost/dialog.html', REQUEST));
  return url.pathname + url.search;
};

it('relays the answer in the URL (a popup, or the way back from Entra ID) to MSAL’s redirect bridge', async () => {
  await runPage('/dialog.html#code=abc&state=xyz');
  expect(broadcastResponseToMainFrame).toHaveBeenCalledTimes(1);
  expect(createStandardPublicClientApplication).not.toHaveBeenCalled();
  expect(messageParent).not.toHaveBeenCalled();
});

it('starts the redirect through Entra ID with the requested scopes, claims and account', async () => {
  handleRedirectPromise.mockResolvedValue(null);
  await runPage(requestPath());
  expect(createStandardPublicClientApplication).toHaveBeenCalledWith({
    auth: {
      clientId: REQUEST.clientId,
      authority: REQUEST.authority,
      redirectUri: 'http://localhost/dialog.html',
      clientCapabilities: ['CP1'],
    },
    cache: { cacheLocation: 'localStorage' },
  });
  expect(acquireTokenRedirect).toHaveBeenCalledWith({
    scopes: REQUEST.scopes,
    redirectStartPage: `http://localhost${requestPath()}`,
    loginHint: REQUEST.loginHint,
  });
  expect(messageParent).not.toHaveBeenCalled();
});

it('sends the token and the account to the pane when back from Entra ID', async () => {
  handleRedirectPromise.mockResolvedValue({
    accessToken: 'graph-token',
    expiresOn: new Date('2026-03-16T09:00:00Z'),
    account: {
      username: 'marta.rossi@rossi-spa.it',
      name: 'Marta Rossi',
      homeAccountId: 'h.t',
      tenantId: 't',
    },
  });
  sessionStorage.setItem('solleciti.dialog.redirect-started', '1');
  await runPage(requestPath());
  expect(sent()).toEqual({
    type: 'solleciti.sign-in',
    ok: true,
    accessToken: 'graph-token',
    expiresOn: Date.parse('2026-03-16T09:00:00Z'),
    account: {
      username: 'marta.rossi@rossi-spa.it',
      name: 'Marta Rossi',
      homeAccountId: 'h.t',
      tenantId: 't',
    },
  });
  expect(document.getElementById('status')?.textContent).toContain('Signed in');
});

it('reports a failed sign-in (the user cancelled at Entra ID) with MSAL’s code', async () => {
  handleRedirectPromise.mockRejectedValue(
    Object.assign(new Error('User cancelled the flow.'), { errorCode: 'user_cancelled' }),
  );
  await runPage(requestPath());
  expect(sent()).toMatchObject({ ok: false, code: 'user_cancelled' });
});

it('does not loop when Entra ID came back with nothing', async () => {
  handleRedirectPromise.mockResolvedValue(null);
  sessionStorage.setItem('solleciti.dialog.redirect-started', '1');
  await runPage(requestPath());
  expect(acquireTokenRedirect).not.toHaveBeenCalled();
  expect(sent()).toMatchObject({ ok: false, code: 'no_response' });
});

it('refuses a page opened without a valid request', async () => {
  await runPage('/dialog.html');
  expect(sent()).toMatchObject({ ok: false, code: 'bad_request' });
  expect(createStandardPublicClientApplication).not.toHaveBeenCalled();
});
