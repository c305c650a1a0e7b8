/**
 * Which hosts the add-in may send tokens and data to, by configuration: Microsoft Graph's own hosts (a
 * production build talks to no other Graph), the hosts where Graph puts attachment upload sessions for
 * each of them, and the loopback hosts a development build may use over plain http.
 */

/**
 * Microsoft Graph's national-cloud hosts → the origins of the upload-session URLs it hands out
 * (`createUploadSession` answers with an Outlook URL on another host, which the pane then PUTs to).
 */
export const MICROSOFT_GRAPH_HOSTS: Readonly<Record<string, readonly string[]>> = {
  'graph.microsoft.com': ['https://outlook.office.com', 'https://outlook.office365.com'],
  'graph.microsoft.us': ['https://outlook.office365.us'],
  'dod-graph.microsoft.us': ['https://outlook-dod.office365.us'],
  'microsoftgraph.chinacloudapi.cn': ['https://partner.outlook.cn'],
};

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL parsed, or undefined when it is not one. */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An https URL on one of Microsoft Graph's hosts (no other port). */
export function isMicrosoftGraphUrl(value: string): boolean {
  const url = parseUrl(value);
  return (
    url !== undefined &&
    url.protocol === 'https:' &&
    url.port === '' &&
    Object.hasOwn(MICROSOFT_GRAPH_HOSTS, url.hostname)
  );
}

/** Plain http on localhost, 127.0.0.1 or [::1]. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** The upload-session origins of a Microsoft Graph URL; empty for any other URL. */
export function microsoftUploadOrigins(graphBaseUrl: string): readonly string[] {
  const url = parseUrl(graphBaseUrl);
  if (url === undefined || !isMicrosoftGraphUrl(graphBaseUrl)) return [];
  return MICROSOFT_GRAPH_HOSTS[url.hostname] ?? [];
}
