/**
 * `GET /reminder-setup` (with its strong ETag) and `PUT /reminder-setup`: administrators only, with
 * `If-Match` (missing → 428, stale → 412), the body checked against the contract's schema (400 naming the
 * field) and then against the engine's own rules, the domain's `validateSetup` (422 naming the level or
 * field): the ERP never stores a setup every client would refuse to plan with.
 */
import { isTimeZone } from '../../../src/domain/calendar';
import { describeSetupProblems, validateSetup } from '../../../src/domain/setup';
import { reminderSetupSchema } from '../../../src/erp/wire';
import { requireCaller, requireUser } from '../auth';
import { forbidden, notFound, parseOrThrow, ProblemError, PROBLEM_TYPES } from '../http/problem';
import { json, type Handler } from '../http/types';
import type { ErpStore } from '../store/erp-store';

/** `levels[2]` (the domain's path) as the contract's dotted field path `levels.2`. */
const dotted = (path: string): string => path.replace(/\[(\d+)\]/g, '.$1');

/** True when an `If-Match` / `If-None-Match` header lists `etag` (strong comparison) or is `*`. */
export function etagListMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag);
}

export function getSetup(store: ErpStore): Handler {
  return ({ req, principal }) => {
    requireCaller(principal);
    const stored = store.setup.get();
    if (stored === undefined) throw notFound('the ERP has no reminder setup yet');
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && etagListMatches(ifNoneMatch, stored.etag))
      return { status: 304, headers: { ETag: stored.etag } };
    return json(200, stored.setup, { ETag: stored.etag });
  };
}

export function putSetup(store: ErpStore, now: () => number): Handler {
  return async ({ req, principal, readJson }) => {
    const user = requireUser(principal);
    if (!store.setup.isAdministrator(user.email))
      throw forbidden(`${user.email} is not an administrator of the reminder setup`);
    const ifMatch = req.headers['if-match'];
    if (ifMatch === undefined || ifMatch.trim() === '') {
      throw new ProblemError(
        428,
        'Precondition required',
        "send If-Match with the ETag of the setup you edited (GET /reminder-setup), so no one else's change is overwritten",
      );
    }
    const body = await readJson();
    // From here on everything is synchronous: no other request can slip in between the check and the write.
    const current = store.setup.get();
    if (current === undefined || !etagListMatches(ifMatch, current.etag)) {
      throw new ProblemError(
        412,
        'Precondition failed',
        'the setup changed since you read it: reload it, apply your change again and save',
        {},
        current !== undefined ? { ETag: current.etag } : {},
      );
    }
    const setup = parseOrThrow(reminderSetupSchema, body);
    const checked = validateSetup(setup);
    if (!checked.ok) {
      const first = checked.error[0];
      throw new ProblemError(422, 'Invalid reminder setup', describeSetupProblems(checked.error), {
        type: PROBLEM_TYPES.invalidSetup,
        ...(first !== undefined ? { field: dotted(first.path) } : {}),
        ...(first?.levelId !== undefined ? { levelId: first.levelId } : {}),
        problems: checked.error.map((problem) => ({
          field: dotted(problem.path),
          ...(problem.levelId !== undefined ? { levelId: problem.levelId } : {}),
          message: problem.message,
        })),
      });
    }
    if (!isTimeZone(setup.timezone)) {
      throw new ProblemError(
        422,
        'Invalid reminder setup',
        `timezone: ${JSON.stringify(setup.timezone)} is not an IANA time zone such as Europe/Rome`,
        {
          type: PROBLEM_TYPES.invalidSetup,
          field: 'timezone',
        },
      );
    }
    const stored = store.setup.put(setup, new Date(now()));
    return json(200, stored.setup, { ETag: stored.etag });
  };
}
