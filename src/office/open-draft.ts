/**
 * Opens a message the add-in created through Microsoft Graph (a draft) in Outlook's own form, so the clerk
 * can review and send it. Graph gives REST ids (immutable ones, with `Prefer: IdType="ImmutableId"`);
 * `displayMessageForm` wants an EWS id, hence `convertToEwsId`.
 */
import { err, ok, type Result } from '../domain/result';
import { outlookMailbox } from './host';
import { callOfficeAsync, toOfficeCallError } from './office-error';

export type OpenDraftRefusal = 'not_in_outlook' | 'empty_id';

/**
 * Opens the message with this REST (or immutable REST) id. Resolves `err('not_in_outlook')` outside Outlook,
 * where the UI offers the Drafts folder link instead; rejects with an `OfficeCallError` when Outlook fails.
 */
export async function openDraft(restId: string): Promise<Result<'opened', OpenDraftRefusal>> {
  if (restId.trim() === '') return err('empty_id');
  const mailbox = outlookMailbox();
  if (mailbox === undefined) return err('not_in_outlook');
  let ewsId: string;
  try {
    ewsId = mailbox.convertToEwsId(restId, Office.MailboxEnums.RestVersion.v2_0);
  } catch (cause) {
    throw toOfficeCallError('mailbox.convertToEwsId', cause);
  }
  if (typeof mailbox.displayMessageFormAsync === 'function') {
    await callOfficeAsync<void>('mailbox.displayMessageFormAsync', (callback) =>
      mailbox.displayMessageFormAsync(ewsId, callback),
    );
    return ok('opened');
  }
  // Mailbox < 1.9 has only the synchronous form, which throws on failure.
  try {
    mailbox.displayMessageForm(ewsId);
  } catch (cause) {
    throw toOfficeCallError('mailbox.displayMessageForm', cause);
  }
  return ok('opened');
}
