/**
 * The enabled-user rule (docs/rules.md §5): only the setup's enabled users may draft, send or mark reminders as
 * handled. The signed-in account is matched by its primary SMTP address and by its user principal name
 * (UPN), either one, trimmed and with case ignored — Exchange addresses and Entra UPNs are case-insensitive,
 * and the two often differ (`m.rossi@contoso.it` vs `mrossi@contoso.onmicrosoft.com`).
 *
 * Administrators are NOT enabled by being administrators: the two lists are separate duties (editing the
 * setup vs. dunning customers), the ERP applies the same two lists to its own claims, and an administrator
 * who also sends reminders is simply listed in both. So a pane never offers a send the ERP would refuse.
 *
 * Pure: the caller passes the setup and the account; the pane, the send path and every outbox job call it.
 */
import { err, ok, type Result } from './result';

/** The two lists of the setup this rule reads (a `Setup` satisfies it). */
export interface AccessLists {
  readonly enabledUsers: readonly string[];
  readonly administrators: readonly string[];
}

/** Who is signed in, as far as the rule is concerned. Either identifier may be missing. */
export interface AccountIdentifiers {
  /** Primary SMTP address (Office `userProfile.emailAddress`). */
  readonly primaryAddress?: string;
  /** User principal name (the MSAL account's `username`). */
  readonly userPrincipalName?: string;
}

/** Why someone may not act. The UI turns it into one sentence naming who can change it. */
export type MayActRefusal =
  | { readonly reason: 'not_signed_in' }
  | {
      readonly reason: 'not_enabled';
      /** The identifier to show ("you are signed in as …"): the primary address, else the UPN. */
      readonly account: string;
      /** Who can add the account to the enabled users: the setup's administrators, as listed (may be empty). */
      readonly administrators: readonly string[];
    };

const normalise = (address: string): string => address.normalize('NFC').trim().toLowerCase();

function identifiersOf(account: AccountIdentifiers): string[] {
  return [account.primaryAddress, account.userPrincipalName]
    .filter((value): value is string => typeof value === 'string')
    .map(normalise)
    .filter((value) => value !== '');
}

function listed(list: readonly string[], account: AccountIdentifiers): boolean {
  const mine = identifiersOf(account);
  if (mine.length === 0) return false;
  return list.some((entry) => typeof entry === 'string' && mine.includes(normalise(entry)));
}

/** True when the primary address or the UPN is among the enabled users (trimmed, case ignored). */
export function isEnabledUser(setup: AccessLists, account: AccountIdentifiers): boolean {
  return listed(setup.enabledUsers, account);
}

/** True when the primary address or the UPN is among the administrators (trimmed, case ignored). */
export function isAdministrator(setup: AccessLists, account: AccountIdentifiers): boolean {
  return listed(setup.administrators, account);
}

/**
 * `ok(true)` when the account may draft, send and mark; else why not — `not_signed_in` when no identifier
 * is known, `not_enabled` (with the administrators to ask) otherwise. Administrators are not implicitly enabled.
 */
export function assertMayAct(
  setup: AccessLists,
  account: AccountIdentifiers | undefined,
): Result<true, MayActRefusal> {
  if (account === undefined || identifiersOf(account).length === 0) return err({ reason: 'not_signed_in' });
  if (isEnabledUser(setup, account)) return ok(true);
  const shown =
    [account.primaryAddress, account.userPrincipalName]
      .map((value) => value?.trim() ?? '')
      .find((value) => value !== '') ?? '';
  return err({
    reason: 'not_enabled',
    account: shown,
    administrators: setup.administrators.map((entry) => entry.trim()).filter((entry) => entry !== ''),
  });
}
