/**
 * From build-time values and the user's overrides to the effective configuration, every value checked.
 * Pure: the caller passes what the build baked in and what the user saved (src/config/load-config.ts does).
 *
 * Precedence, per setting: the user's override (from the settings screen), else the build-time value, else
 * the default below. An empty string counts as "not set".
 *
 * Defaults:             development build                 production build
 *   ERP_BASE_URL        http://localhost:4100             http://localhost:4100
 *   GRAPH_BASE_URL      http://localhost:4200/v1.0        https://graph.microsoft.com/v1.0
 *   AUTH_MODE           dev                               msal (dev is refused, whatever the source)
 *   AAD_AUTHORITY       https://login.microsoftonline.com/common
 *   AAD_CLIENT_ID, ERP_SCOPE, ERP_STATIC_KEY: none;  DEV_USER: marta.rossi@solleciti.example
 */
import type { BuildInfo } from './build-info';
import {
  AUTH_MODES,
  SETTING_INFO,
  SETTING_KEYS,
  SETTINGS_SCREEN,
  type AppConfig,
  type AuthMode,
  type SettingKey,
} from './settings';

export type SettingSource = 'user' | 'build' | 'default';

export type ConfigProblemCode =
  | 'missing'
  | 'not_a_url'
  | 'not_https'
  | 'not_a_guid'
  | 'not_an_address'
  | 'invalid_value'
  | 'dev_auth_in_production';

/** One wrong or missing setting: which, why, and a sentence that says where to set it. */
export interface ConfigProblem {
  readonly setting: SettingKey;
  readonly code: ConfigProblemCode;
  readonly message: string;
}

export interface ResolvedConfig {
  readonly config: AppConfig;
  /** Empty when everything is usable. */
  readonly problems: readonly ConfigProblem[];
  /** The ERP is called with the static key: the settings screen shows a visible warning. */
  readonly staticKeyInUse: boolean;
  readonly sources: Readonly<Record<SettingKey, SettingSource>>;
}

export const DEV_USER_DEFAULT = 'marta.rossi@solleciti.example';

/** The defaults of a development or production build (see the table above). */
export function buildDefaults(production: boolean): Readonly<Record<SettingKey, string>> {
  return {
    ERP_BASE_URL: 'http://localhost:4100',
    GRAPH_BASE_URL: production ? 'https://graph.microsoft.com/v1.0' : 'http://localhost:4200/v1.0',
    AUTH_MODE: production ? 'msal' : 'dev',
    AAD_AUTHORITY: 'https://login.microsoftonline.com/common',
    AAD_CLIENT_ID: '',
    ERP_SCOPE: '',
    ERP_STATIC_KEY: '',
    DEV_USER: DEV_USER_DEFAULT,
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** `value` without trailing slashes (`https://erp.example.it/api/` → `https://erp.example.it/api`). */
const withoutTrailingSlash = (value: string): string => value.replace(/\/+$/, '');

/**
 * The effective configuration and every problem with it. Never throws: a broken setting is reported (and a
 * safe value used in its place) so the pane can open on its settings screen and say what to fix.
 */
export function resolveConfig(input: {
  readonly build: BuildInfo;
  readonly overrides?: Readonly<Partial<Record<SettingKey, string>>>;
}): ResolvedConfig {
  const { build } = input;
  const overrides = input.overrides ?? {};
  const defaults = buildDefaults(build.production);
  const problems: ConfigProblem[] = [];
  const sources = {} as Record<SettingKey, SettingSource>;
  const raw = {} as Record<SettingKey, string>;
  for (const key of SETTING_KEYS) {
    const fromUser = overrides[key];
    const fromBuild = build.env[key];
    if (present(fromUser)) {
      raw[key] = fromUser.trim();
      sources[key] = 'user';
    } else if (present(fromBuild)) {
      raw[key] = fromBuild.trim();
      sources[key] = 'build';
    } else {
      raw[key] = defaults[key];
      sources[key] = 'default';
    }
  }

  const report = (setting: SettingKey, code: ConfigProblemCode, what: string): void => {
    problems.push({ setting, code, message: `${setting} ${what}: set it in ${SETTINGS_SCREEN}` });
  };
  // Secret values are never repeated in a message.
  const shown = (key: SettingKey): string => (SETTING_INFO[key].secret ? '' : ` ("${raw[key]}")`);

  const checkServiceUrl = (key: SettingKey, { loopbackHttp }: { loopbackHttp: boolean }): string => {
    const value = raw[key];
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      report(key, 'not_a_url', `is not a URL${shown(key)}`);
      return withoutTrailingSlash(defaults[key]);
    }
    const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !(loopbackHttp && loopback)) {
      report(key, 'not_https', `is not an https URL${shown(key)}`);
    }
    return withoutTrailingSlash(value);
  };

  // AUTH_MODE first: the other checks depend on it.
  let authMode: AuthMode;
  if ((AUTH_MODES as readonly string[]).includes(raw.AUTH_MODE)) {
    authMode = raw.AUTH_MODE as AuthMode;
  } else {
    report('AUTH_MODE', 'invalid_value', `must be "msal" or "dev", not "${raw.AUTH_MODE}"`);
    authMode = build.production ? 'msal' : 'dev';
  }
  if (authMode === 'dev' && build.production) {
    // The dev identity provider signs tokens with a secret anyone can read: never in a production build.
    report(
      'AUTH_MODE',
      'dev_auth_in_production',
      'is "dev", which a production build refuses (msal is used instead)',
    );
    authMode = 'msal';
  }

  const erpBaseUrl = checkServiceUrl('ERP_BASE_URL', { loopbackHttp: true });
  const graphBaseUrl = checkServiceUrl('GRAPH_BASE_URL', { loopbackHttp: true });
  const aadAuthority = checkServiceUrl('AAD_AUTHORITY', { loopbackHttp: false });

  const erpStaticKey = present(raw.ERP_STATIC_KEY) ? raw.ERP_STATIC_KEY : undefined;
  if (authMode === 'msal') {
    if (!present(raw.AAD_CLIENT_ID))
      report('AAD_CLIENT_ID', 'missing', "is not set (the add-in's Entra ID application id)");
    else if (!GUID.test(raw.AAD_CLIENT_ID))
      report('AAD_CLIENT_ID', 'not_a_guid', `is not an application id (a GUID)${shown('AAD_CLIENT_ID')}`);
    if (erpStaticKey === undefined) {
      if (!present(raw.ERP_SCOPE))
        report('ERP_SCOPE', 'missing', "is not set (the ERP API's scope, or set ERP_STATIC_KEY)");
      else if (/\s/.test(raw.ERP_SCOPE))
        report('ERP_SCOPE', 'invalid_value', `must be one scope, without spaces${shown('ERP_SCOPE')}`);
    }
  } else {
    const at = raw.DEV_USER.indexOf('@');
    if (at <= 0 || at !== raw.DEV_USER.lastIndexOf('@') || at === raw.DEV_USER.length - 1) {
      report('DEV_USER', 'not_an_address', `is not an e-mail address${shown('DEV_USER')}`);
    }
  }

  const config: AppConfig = {
    erpBaseUrl,
    erpScope: erpStaticKey === undefined && authMode === 'msal' ? raw.ERP_SCOPE : '',
    ...(erpStaticKey !== undefined ? { erpStaticKey } : {}),
    graphBaseUrl,
    authMode,
    aadClientId: raw.AAD_CLIENT_ID,
    aadAuthority,
    devUser: raw.DEV_USER,
  };
  return { config, problems, staticKeyInUse: erpStaticKey !== undefined, sources };
}

/** The configuration for a log line or a diagnostics panel: the static key replaced by `(set)`. */
export function redactedConfig(config: AppConfig): Record<string, string> {
  const { erpStaticKey, ...rest } = config;
  return { ...rest, erpStaticKey: erpStaticKey === undefined ? '(not set)' : '(set)' };
}
