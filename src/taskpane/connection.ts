/**
 * The settings screen's connection part: the configuration in force (without secrets), a "test
 * connection" that tries the values typed before they are saved, and saving them (they apply on reload).
 *
 * Tokens go only where the build allows: values typed for the deployment's settings of a production
 * build are ignored, and "test connection" refuses (sending nothing) a typed URL that the configuration
 * checks refuse or whose origin the build's Content-Security-Policy does not allow.
 */
import { createAuth } from '../auth/create-auth';
import { readBuildInfo, type BuildInfo } from '../config/build-info';
import { connectOrigins } from '../config/content-security-policy';
import { lockedFor, resolveConfig, type ResolvedConfig } from '../config/resolve-config';
import { SETTING_INFO, SETTING_KEYS, type SettingKey } from '../config/settings';
import { readUserOverrides, saveUserOverrides } from '../config/user-overrides';
import type { UserSettingsStore } from '../office/roaming-settings';
import type { ConnectionTestResult, ConnectionView } from '../ui/model';
import type { ConnectionPort } from './pane-controller';
import { describeFailure } from './pane-controller';
import { messageOf } from '../domain/message-of';

type Values = Readonly<Partial<Record<SettingKey, string>>>;

const valueOf = (resolved: ResolvedConfig, key: SettingKey): string => {
  const { config } = resolved;
  switch (key) {
    case 'ERP_BASE_URL':
      return config.erpBaseUrl;
    case 'ERP_SCOPE':
      return config.erpScope;
    case 'ERP_STATIC_KEY':
      return config.erpStaticKey ?? '';
    case 'GRAPH_BASE_URL':
      return config.graphBaseUrl;
    case 'AUTH_MODE':
      return config.authMode;
    case 'AAD_CLIENT_ID':
      return config.aadClientId;
    case 'AAD_AUTHORITY':
      return config.aadAuthority;
    case 'DEV_USER':
      return config.devUser;
  }
};

/** The typed values the user may set in this build (a production build's deployment settings are dropped). */
const editable = (build: BuildInfo, values: Values): Values =>
  Object.fromEntries(
    Object.entries(values).filter(([key]) => !lockedFor(build.production, key as SettingKey)),
  );

/** The service URLs a token would go to. */
const TOKEN_TARGETS = ['ERP_BASE_URL', 'GRAPH_BASE_URL', 'AAD_AUTHORITY'] as const;

/**
 * Why the connection test must not run with these settings (a sentence naming the setting), or undefined.
 * A refused URL is one the checks reject, or one on an origin the build's policy does not allow.
 */
function refusedTarget(build: BuildInfo, resolved: ResolvedConfig): string | undefined {
  const problem = resolved.problems.find(({ setting }) =>
    (TOKEN_TARGETS as readonly string[]).includes(setting),
  );
  if (problem !== undefined) return problem.message;
  const allowed = new Set(connectOrigins(build));
  const targets: [SettingKey, string][] = [
    ['ERP_BASE_URL', resolved.config.erpBaseUrl],
    ['GRAPH_BASE_URL', resolved.config.graphBaseUrl],
  ];
  for (const [key, url] of targets) {
    const origin = new URL(url).origin;
    if (!allowed.has(origin))
      return `${key} (${origin}) is not one of the services this build may call (${[...allowed].join(', ')}): nothing was sent`;
  }
  return undefined;
}

export function connectionPort(
  store: UserSettingsStore,
  reload: () => void,
  build: BuildInfo = readBuildInfo(),
): ConnectionPort {
  const resolve = (overrides: Values): ResolvedConfig => resolveConfig({ build, overrides });
  return {
    view(): ConnectionView {
      const resolved = resolve(readUserOverrides(store));
      return {
        // Secrets are never shown back: the field says whether one is set.
        settings: SETTING_KEYS.map((key) => ({
          key,
          value: SETTING_INFO[key].secret ? '' : valueOf(resolved, key),
          source: resolved.sources[key],
          secret: SETTING_INFO[key].secret,
          locked: lockedFor(build.production, key),
        })),
        problems: resolved.problems.map(({ setting, message }) => ({ setting, message })),
        location: store.location,
        staticKeyInUse: resolved.staticKeyInUse,
      };
    },
    async test(values): Promise<ConnectionTestResult> {
      const saved = readUserOverrides(store);
      const resolved = resolve({ ...saved, ...editable(build, values) });
      const refused = refusedTarget(build, resolved);
      if (refused !== undefined)
        return {
          refused,
          erp: { ok: false, failure: 'invalid_request', detail: refused },
          graph: { ok: false, detail: refused },
        };
      const auth = createAuth(resolved.config);
      // The ERP client (and the contract's schemas) load with the pane's first sync, not with its first paint.
      const { ErpClient } = await import('../erp/client');
      const erp = new ErpClient({
        baseUrl: resolved.config.erpBaseUrl,
        tokens: auth.erp,
        retries: 0,
        timeoutMs: 10_000,
      });
      const [erpResult, graphResult] = await Promise.all([
        erp.getSetup(AbortSignal.timeout(15_000)).then(
          (): ConnectionTestResult['erp'] => ({ ok: true }),
          (error: unknown): ConnectionTestResult['erp'] => ({ ok: false, ...describeFailure(error) }),
        ),
        (async (): Promise<ConnectionTestResult['graph']> => {
          try {
            // Through the mailer, like every Graph call: the token goes to Graph's origin only. One
            // attempt, as for the ERP: a test says how things are now.
            const { GraphMailer } = await import('../mail/graph-mailer');
            const mailer = new GraphMailer({
              baseUrl: resolved.config.graphBaseUrl,
              tokens: auth.graph,
              retries: 0,
              timeoutMs: 15_000,
            });
            const account = await mailer.whoAmI();
            return { ok: true, ...(account !== undefined ? { account } : {}) };
          } catch (error) {
            return { ok: false, detail: messageOf(error) };
          }
        })(),
      ]);
      return { erp: erpResult, graph: graphResult };
    },
    async save(values) {
      await saveUserOverrides(store, editable(build, values));
      reload();
    },
  };
}
