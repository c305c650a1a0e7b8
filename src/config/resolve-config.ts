/**
 * From build-time values and the user's overrides to the effective configuration, every value checked.
 * Pure: the caller passes what the build baked in and what the user saved (src/config/load-config.ts does).
 *
 * Precedence, per setting: the user's override (from the settings screen), else the build-time value, else
 * the default below. An empty string counts as "not set". In a production build the deployment's settings
 * (`DEPLOYMENT_SETTINGS`: where the ERP and Graph are, the static key, the identity) are the
 * administrator's, set at build time: a user's override of them is ignored. A URL that fails its check is
 * refused — reported, and the next value in line used — never used with a warning.
 *
 * Defaults:             development build                 production build
 *   ERP_BASE_URL        http://localhost:4100             none (the build refuses to run without it)
 *   GRAPH_BASE_URL      http://localhost:4200/v1.0        https://graph.microsoft.com/v1.0
 *   AUTH_MODE           dev                               msal (dev is refused, whatever the source)
 *   AAD_AUTHORITY       https://login.microsoftonline.com/common
 *   AAD_CLIENT_ID, ERP_SCOPE, ERP_STATIC_KEY: none;  DEV_USER: marta.rossi@solleciti.example
 */
import type { BuildInfo } from './build-info';
import { isLoopbackHttp, isMicrosoftGraphUrl, parseUrl } from './service-origins';
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
  | 'not_microsoft_graph'
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

/**
 * The settings only the deployment sets in a production build (a clerk sees them read-only): they decide
 * where tokens and customer data go, and the pages' Content-Security-Policy is built from them anyway.
 */
export const DEPLOYMENT_SETTINGS: readonly SettingKey[] = [
  'ERP_BASE_URL',
  'ERP_STATIC_KEY',
  'GRAPH_BASE_URL',
  'AUTH_MODE',
  'DEV_USER',
];

/** Where a deployment setting is changed: named in its messages. */
export const DEPLOYMENT_SET_BY = 'an administrator changes it in the build, see docs/configuration.md';

/** True when the user may not override `key` in this build. */
export const lockedFor = (production: boolean, key: SettingKey): boolean =>
  production && DEPLOYMENT_SETTINGS.includes(key);

/** The defaults of a development or production build (see the table above). */
export function buildDefaults(production: boolean): Readonly<Record<SettingKey, string>> {
  return {
    ERP_BASE_URL: production ? '' : 'http://localhost:4100',
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
  /** The values below the one in force, in precedence order (a refused URL falls back to them). */
  const fallbacks = {} as Record<SettingKey, { value: string; source: SettingSource }[]>;
  for (const key of SETTING_KEYS) {
    const fromUser = lockedFor(build.production, key) ? undefined : overrides[key];
    const fromBuild = build.env[key];
    fallbacks[key] = [
      ...(present(fromBuild) ? [{ value: fromBuild.trim(), source: 'build' as const }] : []),
      { value: defaults[key], source: 'default' as const },
    ];
    if (present(fromUser)) {
      raw[key] = fromUser.trim();
      sources[key] = 'user';
    } else if (present(fromBuild)) {
      raw[key] = fromBuild.trim();
      sources[key] = 'build';
      fallbacks[key].shift();
    } else {
      raw[key] = defaults[key];
      sources[key] = 'default';
      fallbacks[key] = [];
    }
  }

  const report = (setting: SettingKey, code: ConfigProblemCode, what: string): void => {
    const where = lockedFor(build.production, setting)
      ? `the deployment sets it (${DEPLOYMENT_SET_BY})`
      : `set it in ${SETTINGS_SCREEN}`;
    problems.push({ setting, code, message: `${setting} ${what}: ${where}` });
  };
  // Secret values are never repeated in a message.
  const shown = (key: SettingKey): string => (SETTING_INFO[key].secret ? '' : ` ("${raw[key]}")`);

  /** Why `value` is refused for `key`, or undefined when it is usable. */
  const urlProblem = (
    key: SettingKey,
    value: string,
    loopbackHttp: boolean,
  ): { code: ConfigProblemCode; what: string } | undefined => {
    const shownValue = SETTING_INFO[key].secret ? '' : ` ("${value}")`;
    if (value === '') return { code: 'missing', what: 'is not set' };
    const url = parseUrl(value);
    if (url === undefined) return { code: 'not_a_url', what: `is not a URL${shownValue}` };
    if (url.protocol !== 'https:' && !(loopbackHttp && isLoopbackHttp(url)))
      return { code: 'not_https', what: `is not an https URL${shownValue}` };
    if (key === 'GRAPH_BASE_URL' && build.production && !isMicrosoftGraphUrl(value))
      return { code: 'not_microsoft_graph', what: `is not Microsoft Graph${shownValue}` };
    return undefined;
  };

  /**
   * The first usable value of a service URL, in precedence order. Each refused value is reported and
   * never used: a token must not go to a plain-http or foreign host because a setting said so.
   */
  const checkServiceUrl = (key: SettingKey, { loopbackHttp }: { loopbackHttp: boolean }): string => {
    const candidates = [{ value: raw[key], source: sources[key] }, ...fallbacks[key]];
    for (const [index, candidate] of candidates.entries()) {
      const problem = urlProblem(key, candidate.value, loopbackHttp);
      if (problem === undefined) {
        sources[key] = candidate.source;
        return withoutTrailingSlash(candidate.value);
      }
      const next = candidates[index + 1];
      const refused =
        candidate.source === 'user' && next !== undefined ? ' and is refused (your value is ignored)' : '';
      if (candidate.source !== 'default' || index === 0)
        report(key, problem.code, `${problem.what}${refused}`);
    }
    return '';
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

  // Plain http only to this machine, and only in a development build.
  const erpBaseUrl = checkServiceUrl('ERP_BASE_URL', { loopbackHttp: !build.production });
  const graphBaseUrl = checkServiceUrl('GRAPH_BASE_URL', { loopbackHttp: !build.production });
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
