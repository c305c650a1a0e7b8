/**
 * Chooses where tokens come from, from the configuration (src/config): MSAL in production (`AUTH_MODE=msal`),
 * the development identity provider in development builds (`AUTH_MODE=dev`), and the static key for an ERP
 * that cannot do OAuth (`ERP_STATIC_KEY`, with a warning in the settings). The task pane calls this once and
 * hands `graph` to the mailer and `erp` to the ERP client.
 */
import { PRODUCTION_BUILD } from '../config/build-info';
import { GRAPH_SCOPES, SETTINGS_SCREEN, type AppConfig, type AuthMode } from '../config/settings';
import type { AccountIdentifiers } from '../domain/enabled-user';
import { canDisplayDialog } from '../office/dialog';
import { getOfficeUserProfile, type OfficeUserProfile } from '../office/user-profile';
import { accessIdentifiers, type SignedInAccount } from './account';
import { DIALOG_PAGE } from './dialog-protocol';
import { officeDialogSignIn, type InteractiveSignIn } from './dialog-sign-in';
import { SignInError } from './errors';
import { createMsalAuth, type MsalAuth, type MsalAuthOptions } from './msal-provider';
import { devIdentityProvider, staticKeyProvider, type TokenProvider } from './token-provider';

export interface ApiTokenProviders {
  readonly graph: TokenProvider;
  readonly erp: TokenProvider;
}

export interface Auth extends ApiTokenProviders {
  readonly mode: AuthMode;
  /** The ERP is called with the static key: show the warning. */
  readonly erpUsesStaticKey: boolean;
  /** Providers that never prompt, for background work (the outbox worker): they fail with `interaction_required`. */
  readonly background: ApiTokenProviders;
  /** Signs in (silently when possible) and returns the account. */
  signIn(): Promise<SignedInAccount>;
  /** The signed-in account, once known. */
  account(): SignedInAccount | undefined;
  /** What the enabled-user rule checks: Office's primary address and the account's UPN. */
  identifiers(): AccountIdentifiers;
  /** The MSAL sign-in, in msal mode. */
  readonly msal?: MsalAuth;
}

export interface AuthDependencies {
  /** The add-in's origin (`https://…`), where `dialog.html` is served. Default: the page's origin. */
  readonly origin?: string;
  /** Default: the build's `PRODUCTION_BUILD`. Tests pass true to prove the guard. */
  readonly production?: boolean;
  /** The popup-blocked fallback. Default: the Office dialog when the host has one. */
  readonly dialog?: InteractiveSignIn;
  readonly officeProfile?: () => OfficeUserProfile | undefined;
  readonly loadMsal?: MsalAuthOptions['loadMsal'];
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** Throws when `AUTH_MODE=dev` reaches a production build (resolveConfig already refuses it: defence in depth). */
export function createAuth(config: AppConfig, deps: AuthDependencies = {}): Auth {
  const officeProfile = deps.officeProfile ?? getOfficeUserProfile;
  const staticErp = config.erpStaticKey !== undefined ? staticKeyProvider(config.erpStaticKey) : undefined;

  if (config.authMode === 'dev') {
    // PRODUCTION_BUILD is a build-time constant: in a production bundle this branch ends here, and the
    // minifier drops the dev identity code after it.
    if (PRODUCTION_BUILD || deps.production === true) {
      throw new Error(
        'AUTH_MODE=dev is refused in a production build: the dev identity provider signs tokens with a public secret',
      );
    }
    return createDevAuth(config, staticErp, officeProfile, deps);
  }

  const origin = deps.origin ?? window.location.origin;
  const redirectUri = new URL(DIALOG_PAGE, `${origin}/`).toString();
  const dialog =
    deps.dialog ??
    (canDisplayDialog()
      ? officeDialogSignIn({
          dialogPageUrl: redirectUri,
          clientId: config.aadClientId,
          authority: config.aadAuthority,
        })
      : undefined);
  const msal = createMsalAuth({
    clientId: config.aadClientId,
    authority: config.aadAuthority,
    redirectUri,
    ...(dialog !== undefined ? { dialog } : {}),
    loginHint: () => officeProfile()?.emailAddress,
    ...(deps.loadMsal !== undefined ? { loadMsal: deps.loadMsal } : {}),
    ...(deps.now !== undefined ? { now: deps.now } : {}),
  });
  // A missing client id or ERP scope is reported by resolveConfig; here it only must not reach MSAL.
  const graphProvider = (interactive: boolean): TokenProvider =>
    config.aadClientId === ''
      ? unconfigured('AAD_CLIENT_ID')
      : msal.provider(GRAPH_SCOPES, { description: 'Microsoft Graph (Entra ID)', interactive });
  const erpProvider = (interactive: boolean): TokenProvider =>
    staticErp ??
    (config.aadClientId === ''
      ? unconfigured('AAD_CLIENT_ID')
      : config.erpScope === ''
        ? unconfigured('ERP_SCOPE')
        : msal.provider([config.erpScope], { description: 'ERP (Entra ID)', interactive }));
  return {
    mode: 'msal',
    erpUsesStaticKey: staticErp !== undefined,
    graph: graphProvider(true),
    erp: erpProvider(true),
    background: { graph: graphProvider(false), erp: erpProvider(false) },
    signIn: () => msal.signIn(GRAPH_SCOPES),
    account: () => msal.account(),
    identifiers: () => accessIdentifiers({ officeProfile: officeProfile(), account: msal.account() }),
    msal,
  };
}

/** A provider for a setting that is missing: every request fails, naming the setting and where to set it. */
function unconfigured(setting: 'AAD_CLIENT_ID' | 'ERP_SCOPE'): TokenProvider {
  return {
    description: `not configured (${setting})`,
    getToken: () =>
      Promise.reject(
        new SignInError('not_configured', `${setting} is not set: set it in ${SETTINGS_SCREEN}`, setting),
      ),
    invalidate: () => undefined,
  };
}

function createDevAuth(
  config: AppConfig,
  staticErp: TokenProvider | undefined,
  officeProfile: () => OfficeUserProfile | undefined,
  deps: AuthDependencies,
): Auth {
  const common = {
    user: config.devUser,
    ...(deps.fetch !== undefined ? { fetch: deps.fetch } : {}),
    ...(deps.now !== undefined ? { now: deps.now } : {}),
  };
  // Both dev servers answer POST /dev/token at their root, whatever path the API lives under.
  const graph = devIdentityProvider({ ...common, baseUrl: config.graphBaseUrl, audience: 'graph' });
  const erp = staticErp ?? devIdentityProvider({ ...common, baseUrl: config.erpBaseUrl, audience: 'erp' });
  const account: SignedInAccount = { username: config.devUser };
  return {
    mode: 'dev',
    erpUsesStaticKey: staticErp !== undefined,
    graph,
    erp,
    background: { graph, erp },
    signIn: () => Promise.resolve(account),
    account: () => account,
    identifiers: () => accessIdentifiers({ officeProfile: officeProfile(), account }),
  };
}
