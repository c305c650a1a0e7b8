/**
 * The demo's "mailbox": a plain HTML page (`/` and `/mailbox`) listing, per user, Drafts, the Outbox
 * (sent, not yet in Sent Items), Sent Items and Deleted Items — subject, From, To, CC, times, attachments
 * with download links, and the body rendered in a sandboxed iframe (`srcdoc`, no scripts, no network but
 * `data:` images). Everything from a message is escaped; the page itself has no script and refreshes
 * every 5 seconds (`?refresh=off` pauses it, `?user=` shows one mailbox).
 */
import type { Services } from './context';
import {
  FOLDER_DISPLAY_NAMES,
  type FolderName,
  type Mailbox,
  type Recipient,
  type StoredMessage,
} from './store';

const SHOWN_FOLDERS: readonly FolderName[] = ['drafts', 'outbox', 'sentitems', 'deleteditems'];
const MAX_PER_FOLDER = 50;

export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

/** Escapes text for HTML content and (double-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const formatSize = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const formatTime = (iso: string | null): string =>
  iso === null ? '—' : iso.replace('T', ' ').replace('Z', ' UTC');

const person = (recipient: Recipient): string => {
  const { name, address } = recipient.emailAddress;
  return name !== undefined && name !== '' && name !== address
    ? `${escapeHtml(name)} <span class="addr">&lt;${escapeHtml(address ?? '')}&gt;</span>`
    : `<span class="addr">${escapeHtml(address ?? '')}</span>`;
};

const people = (recipients: readonly Recipient[]): string =>
  recipients.length === 0 ? '<span class="none">—</span>' : recipients.map(person).join(', ');

/** The body as a standalone document for the iframe: HTML as is (it cannot run scripts), text in a <pre>. */
function bodyDocument(message: StoredMessage): string {
  const base =
    '<meta charset="utf-8"><style>body{font:14px/1.45 system-ui,sans-serif;margin:10px;color:#222}pre{white-space:pre-wrap;font:inherit}</style>';
  return message.body.contentType === 'html'
    ? `${base}${message.body.content}`
    : `${base}<pre>${escapeHtml(message.body.content)}</pre>`;
}

function renderMessage(mailbox: Mailbox, message: StoredMessage): string {
  const attachments =
    message.attachments.length === 0
      ? ''
      : `<dt>Attachments</dt><dd><ul class="attachments">${message.attachments
          .map(
            (attachment) =>
              `<li><a href="/_sim/mailbox/${encodeURIComponent(mailbox.user)}/messages/${encodeURIComponent(message.immutableId)}/attachments/${encodeURIComponent(attachment.id)}">${escapeHtml(attachment.name)}</a> <span class="size">${formatSize(attachment.size)}</span></li>`,
          )
          .join('')}</ul></dd>`;
  const properties = message.singleValueExtendedProperties
    .map(
      (property) =>
        `<li><code>${escapeHtml(property.id)}</code> = <code>${escapeHtml(property.value)}</code></li>`,
    )
    .join('');
  const time =
    message.sentDateTime === null
      ? `<dt>Created</dt><dd>${escapeHtml(formatTime(message.createdDateTime))}</dd>`
      : `<dt>Sent</dt><dd>${escapeHtml(formatTime(message.sentDateTime))}</dd>`;
  return `<article class="message">
  <div class="meta">
    <h4>${message.subject === '' ? '<span class="none">(no subject)</span>' : escapeHtml(message.subject)}</h4>
    <dl>
      <dt>From</dt><dd>${message.from === null ? '<span class="none">(you, when sent)</span>' : person(message.from)}</dd>
      <dt>To</dt><dd>${people(message.toRecipients)}</dd>
      <dt>CC</dt><dd>${people(message.ccRecipients)}</dd>
      ${message.bccRecipients.length > 0 ? `<dt>BCC</dt><dd>${people(message.bccRecipients)}</dd>` : ''}
      ${time}
      ${attachments}
    </dl>
    <details><summary>ids and properties</summary><ul class="ids">
      <li>immutable <code>${escapeHtml(message.immutableId)}</code></li>
      <li>default <code>${escapeHtml(message.restId)}</code></li>
      ${properties}
    </ul></details>
  </div>
  <iframe sandbox="" referrerpolicy="no-referrer" title="Body of ${escapeHtml(message.subject)}" srcdoc="${escapeHtml(bodyDocument(message))}"></iframe>
</article>`;
}

function renderMailbox(mailbox: Mailbox): string {
  const folders = SHOWN_FOLDERS.map((folder) => ({ folder, messages: mailbox.inFolder(folder).reverse() }));
  const counts = folders
    .map(
      ({ folder, messages }) =>
        `<a href="#${escapeHtml(`${mailbox.user}-${folder}`)}">${FOLDER_DISPLAY_NAMES[folder]} <b>${messages.length}</b></a>`,
    )
    .join(' · ');
  const sections = folders
    .filter(({ folder, messages }) => messages.length > 0 || folder === 'drafts' || folder === 'sentitems')
    .map(({ folder, messages }) => {
      const shown = messages
        .slice(0, MAX_PER_FOLDER)
        .map((message) => renderMessage(mailbox, message))
        .join('\n');
      const more =
        messages.length > MAX_PER_FOLDER
          ? `<p class="none">… and ${messages.length - MAX_PER_FOLDER} more</p>`
          : '';
      const empty = messages.length === 0 ? '<p class="none">Empty.</p>' : '';
      return `<h3 id="${escapeHtml(`${mailbox.user}-${folder}`)}">${FOLDER_DISPLAY_NAMES[folder]}${folder === 'outbox' ? ' <small>(sent, on the way to Sent Items)</small>' : ''}</h3>${empty}${shown}${more}`;
    })
    .join('\n');
  return `<section class="mailbox">
  <h2>${escapeHtml(mailbox.displayName)} <span class="addr">&lt;${escapeHtml(mailbox.user)}&gt;</span>${mailbox.restricted ? ' <span class="badge">restricted from sending</span>' : ''}</h2>
  <nav>${counts} · submissions logged <b>${mailbox.sent.length}</b></nav>
  ${sections}
</section>`;
}

export interface PageOptions {
  readonly refresh: boolean;
  readonly user?: string;
}

export function renderMailboxPage(services: Services, options: PageOptions): string {
  const users = services.store
    .users()
    .filter((user) => options.user === undefined || user === options.user.toLowerCase());
  const mailboxes = users.map((user) => services.mailbox(user));
  const userQuery = options.user === undefined ? '' : `user=${encodeURIComponent(options.user)}&`;
  const refreshLink = options.refresh
    ? `refreshes every 5 s · <a href="?${escapeHtml(userQuery)}refresh=off">pause</a>`
    : `paused · <a href="?${escapeHtml(userQuery.replace(/&$/, ''))}">resume refreshing</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.refresh ? '<meta http-equiv="refresh" content="5">' : ''}
<title>Mailbox — Graph simulator</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #201f1e; }
  header { background: #0f6cbd; color: #fff; padding: 10px 20px; }
  header h1 { font-size: 18px; margin: 0; }
  header p { margin: 2px 0 0; opacity: .9; font-size: 12px; }
  header a { color: #fff; }
  main { padding: 12px 20px; }
  .mailbox { background: #fff; border-radius: 6px; padding: 10px 16px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.12); }
  h2 { font-size: 16px; margin: 4px 0; }
  h3 { font-size: 14px; margin: 14px 0 6px; border-bottom: 1px solid #e1dfdd; padding-bottom: 2px; }
  h3 small { font-weight: normal; color: #605e5c; }
  nav { font-size: 12px; color: #605e5c; }
  nav a { color: #0f6cbd; text-decoration: none; }
  .badge { background: #c50f1f; color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 11px; vertical-align: middle; }
  .message { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 12px; border: 1px solid #e1dfdd; border-radius: 4px; padding: 8px; margin: 8px 0; }
  .message h4 { margin: 0 0 4px; font-size: 14px; overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 0; font-size: 12px; }
  dt { color: #605e5c; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .addr { color: #605e5c; }
  .none { color: #a19f9d; }
  .attachments { list-style: none; padding: 0; margin: 0; }
  .attachments .size { color: #605e5c; }
  details { font-size: 11px; color: #605e5c; margin-top: 6px; }
  .ids { padding-left: 16px; margin: 4px 0; }
  code { font-size: 11px; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 220px; border: 1px solid #e1dfdd; border-radius: 3px; background: #fff; resize: vertical; }
  .empty { color: #605e5c; }
</style>
</head>
<body>
<header><h1>Mailbox — Microsoft Graph simulator</h1><p>Drafts and Sent Items of every signed-in user · ${refreshLink}</p></header>
<main>
${mailboxes.length === 0 ? '<p class="empty">No mailbox yet: a mailbox appears when a user first calls the simulator with a token.</p>' : mailboxes.map(renderMailbox).join('\n')}
</main>
</body>
</html>
`;
}
