/**
 * Claims and the reminder log (docs/rules.md §2): `POST /reminder-claims`, `POST /reminder-claims/{key}/confirm`,
 * `DELETE /reminder-claims/{key}`, `DELETE /reminder-log/{key}`, `GET /reminder-log?since=`.
 * Rights: only enabled users claim; only the owner, while still an enabled user, confirms; the owner or an
 * administrator releases a claim or removes log entries. All decided from the setup as it is at the time
 * of the request.
 */
import { isCommunicationKey, keyOfItems } from '../../../src/domain/communication-key';
import { claimRequestSchema, confirmRequestSchema, API_PREFIX } from '../../../src/erp/wire';
import { requireCaller, requireUser } from '../auth';
import { badRequest, forbidden, notFound, parseOrThrow, ProblemError, PROBLEM_TYPES } from '../http/problem';
import { json, type Handler } from '../http/types';
import type { ErpStore } from '../store/erp-store';
import type { HeldTriple } from '../store/reminder-store';

function keyParam(params: Readonly<Record<string, string>>): string {
  const key = params.key ?? '';
  if (!isCommunicationKey(key))
    throw badRequest('key', 'must be a SHA-256 hex digest (64 lower-case hex digits)');
  return key;
}

function conflictProblem(held: readonly HeldTriple[]): ProblemError {
  const first = held[0] as HeldTriple;
  const logged = held.filter((triple) => triple.state !== 'claimed');
  const what = logged.length > 0 ? `already in the reminder log (${first.state})` : 'already claimed';
  return new ProblemError(
    409,
    'Already claimed',
    `${held.length} of the reminders are ${what} — ${first.holder} holds item ${first.itemId} since ${first.heldSince}`,
    {
      type: PROBLEM_TYPES.claimConflict,
      holder: first.holder,
      heldSince: first.heldSince,
      conflicts: held.map(({ itemId, levelId, cycle, holder, state }) => ({
        itemId,
        levelId,
        cycle,
        holder,
        state,
      })),
    },
  );
}

/** 403 unless the user is in the setup's enabled users now: checked at each claim and each confirmation. */
function requireEnabledUser(store: ErpStore, email: string): void {
  if (!store.setup.isEnabledUser(email))
    throw forbidden(
      `${email} is not an enabled user: only enabled users may claim, draft, send or mark reminders`,
    );
}

export function postClaim(store: ErpStore, now: () => number): Handler {
  return async ({ principal, readJson }) => {
    const user = requireUser(principal);
    requireEnabledUser(store, user.email);
    const request = parseOrThrow(claimRequestSchema, await readJson());
    const seen = new Set<string>();
    request.items.forEach(({ itemId }, index) => {
      if (seen.has(itemId))
        throw badRequest(
          `items.${index}.itemId`,
          `item ${JSON.stringify(itemId)} is listed twice (a communication holds each item once)`,
        );
      seen.add(itemId);
    });
    // Items with their own levels (one communication per customer): the key of the triples, an item
    // without one being at the claim's level. Without item levels: the key of the pairs, as ever.
    const expected = keyOfItems(
      request.levelId,
      request.items.map(({ itemId, cycle, levelId }) =>
        levelId !== undefined && levelId !== null
          ? ([itemId, cycle, levelId] as const)
          : ([itemId, cycle] as const),
      ),
    );
    if (expected !== request.key) {
      throw badRequest(
        'key',
        'does not match levelId and items (SHA-256 of ["<levelId>",[["<itemId>",<cycle>],…]] sorted by item id, then cycle; when items carry their own levelId, of ["<levelId>",[["<itemId>","<itemLevelId>",<cycle>],…]] sorted by item id, item level id, then cycle)',
      );
    }
    const levels = store.setup.get()?.setup.levels ?? [];
    if (!levels.some((level) => level.id === request.levelId)) {
      throw new ProblemError(
        422,
        'Unknown level',
        `levelId: ${JSON.stringify(request.levelId)} is not a level of the current setup`,
        { field: 'levelId' },
      );
    }
    const unknownLevel = request.items.findIndex(
      ({ levelId }) =>
        levelId !== undefined && levelId !== null && !levels.some((level) => level.id === levelId),
    );
    if (unknownLevel >= 0) {
      const levelId = request.items[unknownLevel]?.levelId;
      throw new ProblemError(
        422,
        'Unknown level',
        `items.${unknownLevel}.levelId: ${JSON.stringify(levelId)} is not a level of the current setup`,
        { field: `items.${unknownLevel}.levelId` },
      );
    }
    const existing = store.catalog.existingItemIds(request.items.map(({ itemId }) => itemId));
    const unknown = request.items.findIndex(({ itemId }) => !existing.has(itemId));
    if (unknown >= 0)
      throw new ProblemError(
        422,
        'Unknown item',
        `items.${unknown}.itemId: no item with id ${JSON.stringify(request.items[unknown]?.itemId)}`,
        { field: `items.${unknown}.itemId` },
      );

    const outcome = store.reminders.claim(request, user.email, new Date(now()));
    if (outcome.kind === 'conflict') throw conflictProblem(outcome.held);
    const location = `${API_PREFIX}/reminder-claims/${outcome.claim.key}`;
    return json(outcome.kind === 'created' ? 201 : 200, outcome.claim, { Location: location });
  };
}

export function confirmClaim(store: ErpStore): Handler {
  return async ({ params, principal, readJson }) => {
    const user = requireUser(principal);
    // A user taken off the enabled users after claiming must not turn the claim into a send; they may
    // still release it (DELETE), which only gives the reminders back.
    requireEnabledUser(store, user.email);
    const key = keyParam(params);
    const request = parseOrThrow(confirmRequestSchema, await readJson());
    const outcome = store.reminders.confirm(key, request, {
      email: user.email,
      isAdministrator: store.setup.isAdministrator(user.email),
    });
    switch (outcome.kind) {
      case 'not_found':
        throw notFound(`no claim with key ${key} (released, or never claimed)`);
      case 'not_owner':
        throw forbidden(`the claim belongs to ${outcome.owner}: only its owner confirms it`);
      case 'final':
        throw new ProblemError(
          409,
          'Already final',
          `the reminders are already ${outcome.state}: they cannot become ${request.state}`,
          { field: 'state' },
        );
      case 'confirmed':
        return json(200, { entries: outcome.entries });
    }
  };
}

export function releaseClaim(store: ErpStore): Handler {
  return ({ params, principal }) => {
    const user = requireUser(principal);
    const key = keyParam(params);
    const outcome = store.reminders.release(key, {
      email: user.email,
      isAdministrator: store.setup.isAdministrator(user.email),
    });
    switch (outcome.kind) {
      case 'not_found':
        throw notFound(`no claim with key ${key}`);
      case 'forbidden':
        throw forbidden(
          `the claim belongs to ${outcome.owner}: only its owner or an administrator releases it`,
        );
      case 'confirmed':
        throw new ProblemError(
          409,
          'Already confirmed',
          'the claim is already confirmed (in the reminder log): remove the log entries instead (DELETE /reminder-log/{key})',
        );
      case 'released':
        return { status: 204 };
    }
  };
}

export function removeLogEntries(store: ErpStore): Handler {
  return ({ params, principal }) => {
    const user = requireUser(principal);
    const key = keyParam(params);
    const outcome = store.reminders.removeLogEntries(key, {
      email: user.email,
      isAdministrator: store.setup.isAdministrator(user.email),
    });
    switch (outcome.kind) {
      case 'not_found':
        throw notFound(`no log entries with key ${key}`);
      case 'forbidden':
        throw forbidden(
          `the entries belong to ${outcome.owner}: only their owner or an administrator removes them`,
        );
      case 'not_drafted':
        throw new ProblemError(
          409,
          'Not a draft',
          `the entries are ${outcome.state}: only the entries of a draft (deleted from the mailbox) can be removed`,
        );
      case 'removed':
        return { status: 204 };
    }
  };
}

export function getReminderLog(store: ErpStore): Handler {
  return ({ url, principal }) => {
    requireCaller(principal);
    const since = url.searchParams.get('since');
    return json(
      200,
      store.reminders.readLog(
        since !== null && since !== '' ? store.sequence.parseToken(since, 'since') : undefined,
      ),
    );
  };
}
