/**
 * Who is signed in. MSAL knows the Entra ID account (its `username` is the UPN); inside Outlook, Office
 * knows the mailbox's primary SMTP address. The enabled-user rule matches either (src/domain/enabled-user.ts).
 */
import type { AccountIdentifiers } from '../domain/enabled-user';
import type { OfficeUserProfile } from '../office/user-profile';

export interface SignedInAccount {
  /** The user principal name (MSAL `username`, e.g. `m.rossi@contoso.onmicrosoft.com`). */
  readonly username: string;
  /** Display name, when known. */
  readonly name?: string;
  /** MSAL's account key, to find the account again in its cache. Not shown to users. */
  readonly homeAccountId?: string;
  readonly tenantId?: string;
}

/**
 * The identifiers the enabled-user rule checks: Office's primary address inside Outlook, the MSAL account's
 * UPN (or the dev identity's address) wherever it is known.
 */
export function accessIdentifiers(input: {
  readonly officeProfile?: OfficeUserProfile;
  readonly account?: SignedInAccount;
}): AccountIdentifiers {
  const primaryAddress = input.officeProfile?.emailAddress;
  const userPrincipalName = input.account?.username;
  return {
    ...(primaryAddress !== undefined && primaryAddress !== '' ? { primaryAddress } : {}),
    ...(userPrincipalName !== undefined && userPrincipalName !== '' ? { userPrincipalName } : {}),
  };
}
