/**
 * What the build baked in: whether it is a production build, and the configuration environment variables
 * as they were when webpack ran (only the keys of `SETTING_KEYS`; see webpack.config.js, DefinePlugin).
 * Outside webpack (jest, tsx scripts) neither constant exists: a development build with no values.
 */
import { SETTING_KEYS, type SettingKey } from './settings';

declare const __SOLLECITI_PRODUCTION__: boolean | undefined;
declare const __SOLLECITI_BUILD_ENV__: Readonly<Record<string, string>> | undefined;

export interface BuildInfo {
  /** A production build: `AUTH_MODE=dev` is refused, whatever the settings say. */
  readonly production: boolean;
  /** The configuration variables set at build time (absent keys were not set). */
  readonly env: Readonly<Partial<Record<SettingKey, string>>>;
}

/**
 * True in a production build. DefinePlugin replaces the constant, so the minifier drops code behind
 * `if (!PRODUCTION_BUILD)` — the dev identity provider is not even in the production bundle.
 */
export const PRODUCTION_BUILD: boolean =
  typeof __SOLLECITI_PRODUCTION__ === 'boolean' ? __SOLLECITI_PRODUCTION__ : false;

/** The build's information, as DefinePlugin left it. */
export function readBuildInfo(): BuildInfo {
  const raw: Readonly<Record<string, string>> =
    typeof __SOLLECITI_BUILD_ENV__ === 'object' && __SOLLECITI_BUILD_ENV__ !== null
      ? __SOLLECITI_BUILD_ENV__
      : {};
  const env: Partial<Record<SettingKey, string>> = {};
  for (const key of SETTING_KEYS) {
    const value = raw[key];
    if (typeof value === 'string') env[key] = value;
  }
  return { production: PRODUCTION_BUILD, env };
}
