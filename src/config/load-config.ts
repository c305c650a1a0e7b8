/**
 * The configuration in force now: what the build baked in, overridden by what the user saved. Call after
 * `officeReady()` so the user's roaming settings are available inside Office.
 */
import { userSettingsStore, type UserSettingsStore } from '../office/roaming-settings';
import { readBuildInfo, type BuildInfo } from './build-info';
import { resolveConfig, type ResolvedConfig } from './resolve-config';
import { readUserOverrides } from './user-overrides';

export function loadConfig(
  store: UserSettingsStore = userSettingsStore(),
  build: BuildInfo = readBuildInfo(),
): ResolvedConfig {
  return resolveConfig({ build, overrides: readUserOverrides(store) });
}
