/**
 * The Outlook user, from `Office.context.mailbox.userProfile`: the primary SMTP address the enabled-user rule
 * matches (docs/rules.md §5), the display name, and the kind of account.
 */
import { outlookMailbox } from './host';

export interface OfficeUserProfile {
  /** Primary SMTP address of the mailbox, as Exchange knows it. */
  readonly emailAddress: string;
  readonly displayName: string;
  /** `enterprise`, `office365`, `outlookCom` or `gmail` (as Office reports it); undefined when not given. */
  readonly accountType?: string;
}

/**
 * The signed-in Outlook user, or undefined outside Outlook (or when the host gives no address). Synchronous:
 * Office fills `userProfile` at start-up. Call after `officeReady()`.
 */
export function getOfficeUserProfile(): OfficeUserProfile | undefined {
  const mailbox = outlookMailbox();
  if (mailbox === undefined) return undefined;
  let profile: Office.UserProfile | undefined;
  try {
    profile = mailbox.userProfile;
  } catch {
    return undefined;
  }
  const emailAddress = typeof profile?.emailAddress === 'string' ? profile.emailAddress.trim() : '';
  if (emailAddress === '') return undefined;
  const displayName = typeof profile?.displayName === 'string' ? profile.displayName : '';
  const accountType =
    typeof profile?.accountType === 'string' && profile.accountType !== '' ? profile.accountType : undefined;
  return { emailAddress, displayName, ...(accountType !== undefined ? { accountType } : {}) };
}
