/** @jest-environment ./test/jest-environment-jsdom-node.ts */
import { fakeRoamingSettings, failed, installOffice, succeeded, uninstallOffice } from './office-mock';
import { canDisplayDialog, displayDialog, messageParent } from '../../src/office/dialog';
import { hostSupportsNestedAppAuth, isInOutlook } from '../../src/office/host';
import { callOfficeAsync, OfficeCallError } from '../../src/office/office-error';
import { officeDisplayLanguage, officeReady } from '../../src/office/office-ready';
import { openDraft } from '../../src/office/open-draft';
import { userSettingsStore } from '../../src/office/roaming-settings';
import { getOfficeTheme, luminanceOf } from '../../src/office/theme';
import { getOfficeUserProfile } from '../../src/office/user-profile';

const LIGHT = {
  bodyBackgroundColor: '#ffffff',
  bodyForegroundColor: '#000000',
  controlBackgroundColor: '#f3f2f1',
  controlForegroundColor: '#201f1e',
};
const DARK = {
  bodyBackgroundColor: '#1f1f1f',
  bodyForegroundColor: '#ffffff',
  controlBackgroundColor: '#292929',
  controlForegroundColor: '#ffffff',
};

afterEach(() => {
  uninstallOffice();
  localStorage.clear();
  jest.restoreAllMocks();
});

describe('outside Office (a plain browser)', () => {
  it('has no user profile, theme, language, mailbox or dialog', async () => {
    expect(getOfficeUserProfile()).toBeUndefined();
    expect(getOfficeTheme()).toBeUndefined();
    expect(officeDisplayLanguage()).toBeUndefined();
    expect(isInOutlook()).toBe(false);
    expect(hostSupportsNestedAppAuth()).toBe(false);
    expect(canDisplayDialog()).toBe(false);
    await expect(officeReady()).resolves.toEqual({ host: null });
  });

  it('keeps the user settings in localStorage, under a prefix', async () => {
    const store = userSettingsStore();
    expect(store.location).toBe('local');
    store.set('config.ERP_BASE_URL', 'https://erp.rossi-spa.it');
    await store.save();
    expect(localStorage.getItem('solleciti.config.ERP_BASE_URL')).toBe('https://erp.rossi-spa.it');
    expect(userSettingsStore().get('config.ERP_BASE_URL')).toBe('https://erp.rossi-spa.it');
    store.remove('config.ERP_BASE_URL');
    expect(localStorage.getItem('solleciti.config.ERP_BASE_URL')).toBeNull();
  });

  it('falls back to memory when localStorage refuses writes (a locked-down browser)', () => {
    jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const store = userSettingsStore();
    expect(store.location).toBe('memory');
    store.set('a', 'b');
    expect(store.get('a')).toBe('b');
  });

  it('answers not_in_outlook when asked to open a draft', async () => {
    await expect(openDraft('AAMkAGI2TG93AAA=')).resolves.toEqual({ ok: false, error: 'not_in_outlook' });
  });

  it('refuses to open a dialog, with an Error that says why', async () => {
    const failure = displayDialog('https://localhost:3000/dialog.html');
    await expect(failure).rejects.toBeInstanceOf(OfficeCallError);
    await expect(failure).rejects.toMatchObject({ officeName: 'NotInOffice' });
  });

  it('reports that messageParent could not be sent', () => {
    expect(messageParent('{}')).toBe(false);
  });
});

describe('office.js loaded but no host (Office.onReady answers host null)', () => {
  it('resolves officeReady with host null and behaves as a plain browser', async () => {
    installOffice({ onReady: () => Promise.resolve({ host: undefined, platform: undefined }) });
    await expect(officeReady()).resolves.toEqual({ host: null });
    expect(getOfficeUserProfile()).toBeUndefined();
    expect(userSettingsStore().location).toBe('local');
  });
});

describe('inside Outlook', () => {
  it('reads the user profile: primary address (trimmed), display name and account type', () => {
    installOffice({
      context: {
        mailbox: {
          userProfile: {
            emailAddress: ' crediti@rossi-spa.it ',
            displayName: 'Ufficio Crediti',
            accountType: 'office365',
            timeZone: 'W. Europe Standard Time',
          },
        },
      },
    });
    expect(isInOutlook()).toBe(true);
    expect(getOfficeUserProfile()).toEqual({
      emailAddress: 'crediti@rossi-spa.it',
      displayName: 'Ufficio Crediti',
      accountType: 'office365',
    });
  });

  it('reads the display language', () => {
    installOffice({
      context: {
        displayLanguage: 'it-IT',
        mailbox: { userProfile: { emailAddress: 'a@b.it', displayName: 'A' } },
      },
    });
    expect(officeDisplayLanguage()).toBe('it-IT');
  });

  it('works out a dark theme from the body colour, since Outlook does not set isDarkTheme', () => {
    installOffice({ context: { officeTheme: DARK } });
    expect(getOfficeTheme()).toEqual({ ...DARK, isDark: true });
    installOffice({ context: { officeTheme: LIGHT } });
    expect(getOfficeTheme()?.isDark).toBe(false);
  });

  it('uses isDarkTheme when the host sets it', () => {
    installOffice({ context: { officeTheme: { ...LIGHT, isDarkTheme: true } } });
    expect(getOfficeTheme()?.isDark).toBe(true);
  });

  it('computes luminance from #rgb and #rrggbb, and nothing from other strings', () => {
    expect(luminanceOf('#fff')).toBeCloseTo(1);
    expect(luminanceOf('#000000')).toBe(0);
    expect(luminanceOf('white')).toBeUndefined();
  });

  it('says whether the host supports nested app authentication', () => {
    installOffice({
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => name === 'NestedAppAuth' && version === '1.1',
        },
      },
    });
    expect(hostSupportsNestedAppAuth()).toBe(true);
  });

  describe('roaming settings', () => {
    it('are the user settings store, persisted by saveAsync', async () => {
      const roaming = fakeRoamingSettings();
      installOffice({ context: { roamingSettings: roaming.settings } });
      const store = userSettingsStore();
      expect(store.location).toBe('roaming');
      store.set('config.ERP_SCOPE', 'api://erp/Reminders.ReadWrite');
      expect(store.get('config.ERP_SCOPE')).toBe('api://erp/Reminders.ReadWrite');
      expect(roaming.saved.size).toBe(0);
      await store.save();
      expect(roaming.saved.get('config.ERP_SCOPE')).toBe('api://erp/Reminders.ReadWrite');
      expect(localStorage.length).toBe(0);
    });

    it('reject a failed save with an OfficeCallError carrying Office’s code and message', async () => {
      const roaming = fakeRoamingSettings({
        failSaveWith: { code: 9019, name: 'GenericSettingsError', message: 'The settings exceed 32 KB' },
      });
      installOffice({ context: { roamingSettings: roaming.settings } });
      const saving = userSettingsStore().save();
      await expect(saving).rejects.toBeInstanceOf(Error);
      await expect(saving).rejects.toMatchObject({
        name: 'OfficeCallError',
        operation: 'roamingSettings.saveAsync',
        code: 9019,
        officeName: 'GenericSettingsError',
        message: 'roamingSettings.saveAsync failed: The settings exceed 32 KB (Office error 9019)',
      });
    });

    it('read a non-string value as absent', () => {
      const roaming = fakeRoamingSettings();
      installOffice({ context: { roamingSettings: roaming.settings } });
      (roaming.settings.set as (n: string, v: unknown) => void)('config.X', 42);
      expect(userSettingsStore().get('config.X')).toBeUndefined();
    });
  });

  describe('openDraft', () => {
    it('converts the REST id to an EWS id and opens the message form', async () => {
      const convertToEwsId = jest.fn((id: string, version: string) => `ews:${id}:${version}`);
      const displayMessageFormAsync = jest.fn((_id: string, callback: (result: unknown) => void) =>
        setTimeout(() => callback(succeeded(undefined)), 0),
      );
      installOffice({
        context: { mailbox: { convertToEwsId, displayMessageFormAsync, displayMessageForm: jest.fn() } },
      });
      await expect(openDraft('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A')).resolves.toEqual({
        ok: true,
        value: 'opened',
      });
      expect(convertToEwsId).toHaveBeenCalledWith('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A', 'v2.0');
      expect(displayMessageFormAsync.mock.calls[0]?.[0]).toBe(
        'ews:AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A:v2.0',
      );
    });

    it('uses the synchronous form on hosts older than Mailbox 1.9', async () => {
      const displayMessageForm = jest.fn();
      installOffice({
        context: { mailbox: { convertToEwsId: (id: string) => `ews:${id}`, displayMessageForm } },
      });
      await expect(openDraft('REST1')).resolves.toEqual({ ok: true, value: 'opened' });
      expect(displayMessageForm).toHaveBeenCalledWith('ews:REST1');
    });

    it('rejects with an OfficeCallError when Outlook cannot open the item', async () => {
      installOffice({
        context: {
          mailbox: {
            convertToEwsId: (id: string) => id,
            displayMessageFormAsync: (_id: string, callback: (result: unknown) => void) =>
              callback(failed(9026, 'ItemNotFound', 'The item was not found')),
          },
        },
      });
      await expect(openDraft('gone')).rejects.toMatchObject({
        name: 'OfficeCallError',
        code: 9026,
        operation: 'mailbox.displayMessageFormAsync',
      });
    });

    it('rejects with an OfficeCallError when convertToEwsId throws', async () => {
      installOffice({
        context: {
          mailbox: {
            convertToEwsId: () => {
              throw { name: 'InvalidParameter', message: 'bad id', code: 9999 };
            },
          },
        },
      });
      await expect(openDraft('x')).rejects.toMatchObject({
        name: 'OfficeCallError',
        operation: 'mailbox.convertToEwsId',
        code: 9999,
      });
    });

    it('refuses an empty id without calling Office', async () => {
      await expect(openDraft('  ')).resolves.toEqual({ ok: false, error: 'empty_id' });
    });
  });

  describe('dialogs', () => {
    type Handler = (args: unknown) => void;
    function fakeUi(openResult: (dialog: unknown) => unknown = (dialog) => succeeded(dialog)) {
      const handlers = new Map<string, Handler>();
      const close = jest.fn();
      const dialog = {
        addEventHandler: (type: string, handler: Handler) => handlers.set(type, handler),
        close,
        sendMessage: jest.fn(),
      };
      const displayDialogAsync = jest.fn(
        (_url: string, _options: unknown, callback: (result: unknown) => void) =>
          setTimeout(() => callback(openResult(dialog)), 0),
      );
      installOffice({ context: { ui: { displayDialogAsync, messageParent: jest.fn() } } });
      const emit = (type: string, args: unknown): void => handlers.get(type)?.(args);
      return { displayDialogAsync, close, emit };
    }

    it('opens the page and delivers its messages in order, with their origin', async () => {
      const ui = fakeUi();
      expect(canDisplayDialog()).toBe(true);
      const dialog = await displayDialog('https://localhost:3000/dialog.html?request=x', {
        heightPercent: 50,
        widthPercent: 30,
      });
      expect(ui.displayDialogAsync.mock.calls[0]?.slice(0, 2)).toEqual([
        'https://localhost:3000/dialog.html?request=x',
        { height: 50, width: 30 },
      ]);
      ui.emit('dialogMessageReceived', { message: 'first', origin: 'https://localhost:3000' });
      const first = dialog.nextMessage(); // already queued
      const second = dialog.nextMessage(); // waits
      ui.emit('dialogMessageReceived', { message: 'second', origin: undefined });
      await expect(first).resolves.toEqual({ message: 'first', origin: 'https://localhost:3000' });
      await expect(second).resolves.toEqual({ message: 'second' });
    });

    it('rejects waiting and later reads with code 12006 when the user closes the dialog', async () => {
      const ui = fakeUi();
      const dialog = await displayDialog('https://localhost:3000/dialog.html');
      const waiting = dialog.nextMessage();
      ui.emit('dialogEventReceived', { error: 12006 });
      await expect(waiting).rejects.toMatchObject({
        name: 'OfficeCallError',
        code: 12006,
        message: 'Office dialog: the dialog was closed (Office error 12006)',
      });
      await expect(dialog.nextMessage()).rejects.toMatchObject({ code: 12006 });
    });

    it('rejects when Office refuses to open it (another dialog is open)', async () => {
      fakeUi(() => failed(12007, 'DialogAlreadyOpened', 'A dialog box is already opened from this add-in'));
      await expect(displayDialog('https://localhost:3000/dialog.html')).rejects.toMatchObject({
        name: 'OfficeCallError',
        code: 12007,
      });
    });

    it('closes once, and reads after closing reject', async () => {
      const ui = fakeUi();
      const dialog = await displayDialog('https://localhost:3000/dialog.html');
      dialog.close();
      dialog.close();
      expect(ui.close).toHaveBeenCalledTimes(1);
      await expect(dialog.nextMessage()).rejects.toMatchObject({ code: 12006 });
    });

    it('sends a message to the parent from inside a dialog', () => {
      const messageParentSpy = jest.fn();
      installOffice({ context: { ui: { messageParent: messageParentSpy, displayDialogAsync: jest.fn() } } });
      expect(messageParent('{"ok":true}')).toBe(true);
      expect(messageParentSpy).toHaveBeenCalledWith('{"ok":true}');
    });
  });
});

describe('callOfficeAsync', () => {
  it('turns a synchronous throw (a string, as Office sometimes does) into an OfficeCallError', async () => {
    installOffice({});
    const call = callOfficeAsync<void>('mailbox.somethingAsync', () => {
      throw 'Sys.ArgumentException: bad';
    });
    await expect(call).rejects.toBeInstanceOf(OfficeCallError);
    await expect(call).rejects.toMatchObject({
      message: 'mailbox.somethingAsync failed: Sys.ArgumentException: bad',
    });
  });
});
