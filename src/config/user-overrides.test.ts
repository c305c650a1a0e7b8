import { memorySettingsStore } from '../office/roaming-settings';
import { loadConfig } from './load-config';
import { readUserOverrides, saveUserOverrides } from './user-overrides';

describe('user overrides', () => {
  it('are saved to the user settings store and read back, empty values removed', async () => {
    const store = memorySettingsStore();
    await saveUserOverrides(store, {
      ERP_BASE_URL: 'https://erp.rossi-spa.it',
      ERP_STATIC_KEY: 'k-123',
      GRAPH_BASE_URL: '',
    });
    expect(store.get('config.ERP_BASE_URL')).toBe('https://erp.rossi-spa.it');
    expect(readUserOverrides(store)).toEqual({
      ERP_BASE_URL: 'https://erp.rossi-spa.it',
      ERP_STATIC_KEY: 'k-123',
    });
    await saveUserOverrides(store, { ERP_STATIC_KEY: undefined });
    expect(readUserOverrides(store)).toEqual({ ERP_BASE_URL: 'https://erp.rossi-spa.it' });
  });

  it('leave settings not mentioned alone', async () => {
    const store = memorySettingsStore();
    await saveUserOverrides(store, { ERP_SCOPE: 'api://erp/x' });
    await saveUserOverrides(store, { ERP_BASE_URL: 'https://erp.example.it' });
    expect(readUserOverrides(store)).toEqual({
      ERP_SCOPE: 'api://erp/x',
      ERP_BASE_URL: 'https://erp.example.it',
    });
  });

  it('apply on top of the build in loadConfig', () => {
    const store = memorySettingsStore();
    store.set('config.ERP_BASE_URL', 'https://erp.rossi-spa.it');
    const { config, sources } = loadConfig(store, { production: false, env: {} });
    expect(config.erpBaseUrl).toBe('https://erp.rossi-spa.it');
    expect(sources.ERP_BASE_URL).toBe('user');
  });

  it('ignore keys that are not settings', () => {
    const store = memorySettingsStore();
    store.set('config.SOMETHING_ELSE', 'x');
    expect(readUserOverrides(store)).toEqual({});
  });
});
