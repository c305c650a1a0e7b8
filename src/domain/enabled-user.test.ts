import { assertMayAct, isAdministrator, isEnabledUser } from './enabled-user';

const setup = {
  enabledUsers: ['crediti@rossi-spa.it', '  M.Verdi@Rossi-SpA.it ', 'lbianchi@rossispa.onmicrosoft.com'],
  administrators: ['amministratore@rossi-spa.it'],
};

describe('isEnabledUser', () => {
  it('matches the primary address, case ignored and trimmed on both sides', () => {
    expect(isEnabledUser(setup, { primaryAddress: 'CREDITI@rossi-spa.it ' })).toBe(true);
    expect(isEnabledUser(setup, { primaryAddress: 'm.verdi@rossi-spa.it' })).toBe(true);
  });

  it('matches the UPN when the primary address is not listed', () => {
    expect(
      isEnabledUser(setup, {
        primaryAddress: 'luca.bianchi@rossi-spa.it',
        userPrincipalName: 'LBianchi@rossispa.onmicrosoft.com',
      }),
    ).toBe(true);
  });

  it('matches the primary address when the UPN is not listed', () => {
    expect(
      isEnabledUser(setup, {
        primaryAddress: 'crediti@rossi-spa.it',
        userPrincipalName: 'crediti@rossispa.onmicrosoft.com',
      }),
    ).toBe(true);
  });

  it('refuses an account listed nowhere', () => {
    expect(
      isEnabledUser(setup, {
        primaryAddress: 'estraneo@rossi-spa.it',
        userPrincipalName: 'estraneo@rossispa.onmicrosoft.com',
      }),
    ).toBe(false);
  });

  it('does not match a part of an address', () => {
    expect(isEnabledUser(setup, { primaryAddress: 'rossi-spa.it' })).toBe(false);
    expect(isEnabledUser(setup, { primaryAddress: 'xcrediti@rossi-spa.it' })).toBe(false);
  });

  it('refuses an account with no identifier, even when the list has an empty entry', () => {
    expect(isEnabledUser({ enabledUsers: ['', '  '], administrators: [] }, {})).toBe(false);
    expect(
      isEnabledUser(
        { enabledUsers: [''], administrators: [] },
        { primaryAddress: '  ', userPrincipalName: '' },
      ),
    ).toBe(false);
  });

  it('does not enable administrators who are not also listed as enabled users', () => {
    expect(isEnabledUser(setup, { primaryAddress: 'amministratore@rossi-spa.it' })).toBe(false);
  });
});

describe('isAdministrator', () => {
  it('matches either identifier, case ignored', () => {
    expect(isAdministrator(setup, { primaryAddress: 'Amministratore@Rossi-SpA.it' })).toBe(true);
    expect(isAdministrator(setup, { userPrincipalName: 'amministratore@rossi-spa.it' })).toBe(true);
  });

  it('is false for an enabled user who is not an administrator', () => {
    expect(isAdministrator(setup, { primaryAddress: 'crediti@rossi-spa.it' })).toBe(false);
  });
});

describe('assertMayAct', () => {
  it('lets an enabled user act', () => {
    expect(assertMayAct(setup, { primaryAddress: 'crediti@rossi-spa.it' })).toEqual({
      ok: true,
      value: true,
    });
  });

  it('refuses a user who is not enabled, naming the account and the administrators who can change it', () => {
    expect(
      assertMayAct(setup, {
        primaryAddress: ' estraneo@rossi-spa.it',
        userPrincipalName: 'estraneo@rossispa.onmicrosoft.com',
      }),
    ).toEqual({
      ok: false,
      error: {
        reason: 'not_enabled',
        account: 'estraneo@rossi-spa.it',
        administrators: ['amministratore@rossi-spa.it'],
      },
    });
  });

  it('shows the UPN when there is no primary address', () => {
    const result = assertMayAct(setup, { userPrincipalName: 'estraneo@rossispa.onmicrosoft.com' });
    expect(result.ok === false && result.error.reason === 'not_enabled' && result.error.account).toBe(
      'estraneo@rossispa.onmicrosoft.com',
    );
  });

  it('refuses an administrator who is not an enabled user', () => {
    const result = assertMayAct(setup, { primaryAddress: 'amministratore@rossi-spa.it' });
    expect(result).toMatchObject({ ok: false, error: { reason: 'not_enabled' } });
  });

  it('lets an administrator who is also an enabled user act', () => {
    const both = {
      enabledUsers: ['amministratore@rossi-spa.it'],
      administrators: ['amministratore@rossi-spa.it'],
    };
    expect(assertMayAct(both, { primaryAddress: 'amministratore@rossi-spa.it' }).ok).toBe(true);
  });

  it('refuses when nobody is signed in', () => {
    expect(assertMayAct(setup, undefined)).toEqual({ ok: false, error: { reason: 'not_signed_in' } });
    expect(assertMayAct(setup, { primaryAddress: '' })).toEqual({
      ok: false,
      error: { reason: 'not_signed_in' },
    });
  });

  it('reports an empty administrator list as such, so the UI can point to the ERP instead', () => {
    expect(
      assertMayAct(
        { enabledUsers: [], administrators: [' ', ''] },
        { primaryAddress: 'crediti@rossi-spa.it' },
      ),
    ).toEqual({
      ok: false,
      error: { reason: 'not_enabled', account: 'crediti@rossi-spa.it', administrators: [] },
    });
  });
});
