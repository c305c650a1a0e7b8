/**
 * The add-in's configuration (docs/rules.md §5): what each setting is, where the user sets it, and which are secret.
 * Values come from the build (webpack DefinePlugin, read from the environment at build time) and may be
 * overridden per user in the pane's settings (kept in Office roaming settings, or localStorage outside
 * Office). See docs/configuration.md.
 */

export const SETTING_KEYS = [
  'ERP_BASE_URL',
  'ERP_SCOPE',
  'ERP_STATIC_KEY',
  'GRAPH_BASE_URL',
  'AUTH_MODE',
  'AAD_CLIENT_ID',
  'AAD_AUTHORITY',
  'DEV_USER',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

export const AUTH_MODES = ['msal', 'dev'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** Where a user changes the settings: named in every configuration message. */
export const SETTINGS_SCREEN = 'Impostazioni › Connessione';

export interface SettingInfo {
  /** One line for the settings screen and docs. */
  readonly description: string;
  /** Never logged, never shown back in full, never stored outside roaming settings / localStorage. */
  readonly secret: boolean;
}

export const SETTING_INFO: Readonly<Record<SettingKey, SettingInfo>> = {
  ERP_BASE_URL: { description: "The ERP's REST endpoint (https; http only for localhost)", secret: false },
  ERP_SCOPE: {
    description: "The ERP API's Entra ID scope, e.g. api://<ERP app id>/Reminders.ReadWrite",
    secret: false,
  },
  ERP_STATIC_KEY: {
    description: 'A fixed API key for ERPs that cannot do OAuth (replaces ERP_SCOPE; shows a warning)',
    secret: true,
  },
  GRAPH_BASE_URL: { description: 'Microsoft Graph, e.g. https://graph.microsoft.com/v1.0', secret: false },
  AUTH_MODE: {
    description: 'msal (Entra ID) or dev (development identity provider; development builds only)',
    secret: false,
  },
  AAD_CLIENT_ID: { description: "The add-in's Entra ID application (client) id", secret: false },
  AAD_AUTHORITY: {
    description: 'The Entra ID authority, e.g. https://login.microsoftonline.com/<tenant id>',
    secret: false,
  },
  DEV_USER: {
    description: 'Development builds: the address the dev identity provider signs tokens for',
    secret: false,
  },
};

/** Microsoft Graph scopes the mailer needs (docs/rules.md §5). */
export const GRAPH_SCOPES: readonly string[] = ['Mail.ReadWrite', 'Mail.Send', 'User.Read'];

/** The effective configuration, every value checked (see `resolveConfig`). */
export interface AppConfig {
  /** Without a trailing slash. */
  readonly erpBaseUrl: string;
  /** Empty when the ERP uses a static key or the dev identity. */
  readonly erpScope: string;
  /** Present only when set: the ERP is then called with it instead of an Entra ID token. */
  readonly erpStaticKey?: string;
  /** Without a trailing slash. */
  readonly graphBaseUrl: string;
  readonly authMode: AuthMode;
  readonly aadClientId: string;
  readonly aadAuthority: string;
  readonly devUser: string;
}
