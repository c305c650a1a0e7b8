/**
 * The build's configuration checks and the pages' Content-Security-Policy, computed from the same
 * build-time values (webpack.config.js runs both; docs/configuration.md explains them).
 *
 * The policy lets the pane connect to exactly the configured services: the ERP's origin, Microsoft Graph's
 * origin and the hosts where Graph puts attachment upload sessions, and the sign-in authority. Nothing
 * else — a production build has no localhost in it, and a development build only the configured local
 * servers. A pane whose user settings point elsewhere is stopped by the browser.
 */
import { buildDefaults } from './resolve-config';
import {
  LOOPBACK_HOSTS,
  isLoopbackHttp,
  isMicrosoftGraphUrl,
  microsoftUploadOrigins,
  parseUrl,
} from './service-origins';
import type { SettingKey } from './settings';

/** Build-time only (not a user setting): where the Graph in use puts upload sessions, space-separated origins. */
export const UPLOAD_ORIGINS_KEY = 'GRAPH_UPLOAD_ORIGINS';

export type BuildEnv = Readonly<Partial<Record<SettingKey | typeof UPLOAD_ORIGINS_KEY, string>>>;

export interface BuildTarget {
  readonly production: boolean;
  /** The configuration variables as set in the environment (absent or empty: not set). */
  readonly env: BuildEnv;
}

const OFFICE_CDN = 'https://appsforoffice.microsoft.com';

const valueOf = (target: BuildTarget, key: SettingKey): string => {
  const value = target.env[key]?.trim() ?? '';
  return value !== '' ? value : buildDefaults(target.production)[key];
};

/**
 * Everything wrong with the build's configuration, one sentence each naming the setting; empty when the
 * build may go on. A production build needs an https ERP_BASE_URL, Microsoft Graph for GRAPH_BASE_URL,
 * an https authority and no development identity; a development build accepts plain http on loopback.
 */
export function buildConfigProblems(target: BuildTarget): string[] {
  const problems: string[] = [];
  const { production, env } = target;
  const serviceUrl = (
    key: 'ERP_BASE_URL' | 'GRAPH_BASE_URL' | 'AAD_AUTHORITY',
    loopbackHttp: boolean,
  ): void => {
    const value = valueOf(target, key);
    const url = parseUrl(value);
    if (url === undefined) problems.push(`${key} is not a URL ("${value}")`);
    else if (url.protocol !== 'https:' && !(loopbackHttp && isLoopbackHttp(url)))
      problems.push(
        `${key} must be an https URL${loopbackHttp ? ' (plain http only for localhost in a development build)' : ''}, not "${value}"`,
      );
  };
  if (production) {
    if ((env.ERP_BASE_URL?.trim() ?? '') === '')
      problems.push(
        "ERP_BASE_URL is not set: a production build needs the ERP's https URL (e.g. ERP_BASE_URL=https://erp.example.it/api)",
      );
    else serviceUrl('ERP_BASE_URL', false);
    const graph = valueOf(target, 'GRAPH_BASE_URL');
    if (!isMicrosoftGraphUrl(graph))
      problems.push(
        `GRAPH_BASE_URL must be Microsoft Graph in a production build (e.g. https://graph.microsoft.com/v1.0), not "${graph}"`,
      );
    if ((env[UPLOAD_ORIGINS_KEY]?.trim() ?? '') !== '')
      problems.push(
        `${UPLOAD_ORIGINS_KEY} is for development builds only (a production build takes Microsoft Graph's upload hosts)`,
      );
    if (valueOf(target, 'AUTH_MODE') === 'dev')
      problems.push(
        'AUTH_MODE=dev is refused in a production build (the dev identity provider is for development builds only)',
      );
  } else {
    serviceUrl('ERP_BASE_URL', true);
    serviceUrl('GRAPH_BASE_URL', true);
    for (const origin of uploadOriginsText(target)) {
      const url = parseUrl(origin);
      if (url === undefined || (url.protocol !== 'https:' && !isLoopbackHttp(url)))
        problems.push(
          `${UPLOAD_ORIGINS_KEY} must list https origins (or http on localhost), not "${origin}"`,
        );
    }
  }
  serviceUrl('AAD_AUTHORITY', false);
  return problems;
}

/** Throws one error naming every problem (webpack stops on it); returns nothing when the build may go on. */
export function assertBuildConfig(target: BuildTarget): void {
  const problems = buildConfigProblems(target);
  if (problems.length > 0)
    throw new Error(
      `The ${target.production ? 'production' : 'development'} build's configuration is refused:\n  - ${problems.join('\n  - ')}\n(see docs/configuration.md)`,
    );
}

const uploadOriginsText = (target: BuildTarget): string[] =>
  (target.env[UPLOAD_ORIGINS_KEY] ?? '').split(/[\s,]+/).filter((origin) => origin !== '');

const originOf = (value: string): string | undefined => parseUrl(value)?.origin;

/**
 * Where Graph puts upload sessions: Microsoft's Outlook hosts for Microsoft Graph; in a development build
 * `GRAPH_UPLOAD_ORIGINS`, else (the Graph simulator's convention) the simulator's host on the next port.
 */
export function uploadOrigins(target: BuildTarget): string[] {
  const graph = valueOf(target, 'GRAPH_BASE_URL');
  if (isMicrosoftGraphUrl(graph)) return [...microsoftUploadOrigins(graph)];
  if (target.production) return [];
  const listed = uploadOriginsText(target).flatMap((origin) => originOf(origin) ?? []);
  if (listed.length > 0) return listed;
  const url = parseUrl(graph);
  if (url === undefined || !isLoopbackHttp(url)) return [];
  const port = Number(url.port === '' ? 80 : url.port) + 1;
  return [`${url.protocol}//${url.hostname}:${port}`];
}

/** The origins the task pane may connect to, besides its own: ERP, Graph, Graph's upload hosts, the authority. */
export function connectOrigins(target: BuildTarget): string[] {
  const origins = [
    originOf(valueOf(target, 'ERP_BASE_URL')),
    originOf(valueOf(target, 'GRAPH_BASE_URL')),
    ...uploadOrigins(target),
    originOf(valueOf(target, 'AAD_AUTHORITY')),
  ].flatMap((origin) => (origin === undefined || origin === 'null' ? [] : [origin]));
  const unique = [...new Set(origins)];
  // Belt and braces: buildConfigProblems refuses such a production build before it gets here.
  return target.production
    ? unique.filter((origin) => !LOOPBACK_HOSTS.has(new URL(origin).hostname))
    : unique;
}

/** The Content-Security-Policy of `taskpane.html` (and the demo's copy) or of `dialog.html`, the sign-in page. */
export function contentSecurityPolicy(page: 'taskpane' | 'dialog', target: BuildTarget): string {
  const authority = originOf(valueOf(target, 'AAD_AUTHORITY'));
  const signIn = authority !== undefined && authority !== 'null' ? [authority] : [];
  const directives: [string, ...string[]][] =
    page === 'taskpane'
      ? [
          ['default-src', "'self'"],
          ['script-src', "'self'", OFFICE_CDN],
          // Fluent UI (Griffel) injects its styles as <style> elements at run time.
          ['style-src', "'self'", "'unsafe-inline'"],
          ['connect-src', "'self'", ...connectOrigins(target)],
          ['img-src', "'self'", 'data:'],
          ['frame-src', "'self'", ...signIn],
          ['object-src', "'none'"],
          ['base-uri', "'self'"],
          ['form-action', "'self'"],
        ]
      : [
          ['default-src', "'self'"],
          ['script-src', "'self'", OFFICE_CDN],
          ['style-src', "'self'", "'unsafe-inline'"],
          ['connect-src', "'self'", ...signIn],
          ['img-src', "'self'", 'data:'],
          ['frame-src', "'none'"],
          ['object-src', "'none'"],
          ['base-uri', "'self'"],
          // A POST-based authorization request goes to the authority.
          ['form-action', "'self'", ...signIn],
        ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
