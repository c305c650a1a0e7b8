import {
  dialogUrl,
  readDialogRequest,
  readDialogResult,
  signInFailed,
  signInSucceeded,
} from './dialog-protocol';

const REQUEST = {
  clientId: '0f2e6f4c-3b6a-4a49-9d1e-6f1c2f3a4b5c',
  authority: 'https://login.microsoftonline.com/common',
  scopes: ['Mail.ReadWrite', 'Mail.Send', 'User.Read'],
  loginHint: 'marta.rossi@rossi-spa.it',
};

describe('the dialog request', () => {
  it('travels in the dialog URL and is read back unchanged', () => {
    const url = new URL(dialogUrl('https://addin.rossi-spa.it/solleciti/dialog.html?old=1#x', REQUEST));
    expect(url.origin + url.pathname).toBe('https://addin.rossi-spa.it/solleciti/dialog.html');
    expect([...url.searchParams.keys()]).toEqual(['request']);
    expect(readDialogRequest(url.search)).toEqual(REQUEST);
  });

  it('keeps claims with non-ASCII text', () => {
    const withClaims = { ...REQUEST, claims: '{"access_token":{"acrs":{"value":"città"}}}' };
    expect(readDialogRequest(new URL(dialogUrl('https://a.example/dialog.html', withClaims)).search)).toEqual(
      withClaims,
    );
  });

  it('is refused when missing, malformed, without scopes, or with an http authority', () => {
    expect(readDialogRequest('')).toBeUndefined();
    expect(readDialogRequest('?request=%%%')).toBeUndefined();
    expect(
      readDialogRequest(new URL(dialogUrl('https://a.example/d.html', { ...REQUEST, scopes: [] })).search),
    ).toBeUndefined();
    expect(
      readDialogRequest(
        new URL(
          dialogUrl('https://a.example/d.html', { ...REQUEST, authority: 'http://evil.example/common' }),
        ).search,
      ),
    ).toBeUndefined();
  });
});

describe('the dialog result', () => {
  it('round-trips a success and a failure', () => {
    expect(
      readDialogResult(
        signInSucceeded('token', 1_773_648_000_000, {
          username: 'marta.rossi@rossi-spa.it',
          name: 'Marta Rossi',
        }),
      ),
    ).toEqual({
      type: 'solleciti.sign-in',
      ok: true,
      accessToken: 'token',
      expiresOn: 1_773_648_000_000,
      account: { username: 'marta.rossi@rossi-spa.it', name: 'Marta Rossi' },
    });
    expect(readDialogResult(signInFailed('user_cancelled', 'User cancelled the flow'))).toEqual({
      type: 'solleciti.sign-in',
      ok: false,
      code: 'user_cancelled',
      message: 'User cancelled the flow',
    });
  });

  it('ignores messages that are not ours or are incomplete', () => {
    expect(readDialogResult('not json')).toBeUndefined();
    expect(readDialogResult('{"type":"other","ok":true}')).toBeUndefined();
    expect(
      readDialogResult(
        '{"type":"solleciti.sign-in","ok":true,"accessToken":"t","expiresOn":"soon","account":{"username":"a"}}',
      ),
    ).toBeUndefined();
    expect(
      readDialogResult('{"type":"solleciti.sign-in","ok":true,"accessToken":"t","expiresOn":1,"account":{}}'),
    ).toBeUndefined();
  });
});
