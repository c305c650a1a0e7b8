/**
 * Fault injection: "fail the next N requests matching this route". A rule names a method (or any), a path
 * pattern and what to do instead of (or after) answering:
 *
 * - `status`: answer 500, 503, 429 (with `Retry-After` when given) … without doing anything;
 * - `hang`: never answer; the connection stays open until the client gives up;
 * - `drop`: destroy the connection without doing anything (a network failure before the server acted);
 * - `commit-then-drop`: do the work (create the draft, send the message…), then destroy the connection
 *   without answering — the client cannot know it succeeded: the case that breeds duplicates.
 *
 * Patterns match the path after `/v1.0` for Graph routes (`/$batch`, `/me/messages`, or with a `*` standing
 * for the id segment before `/send`), the whole path for upload URLs (`/outlook/` then `**`); `*` is one path
 * segment, `**` anything; case is ignored. Inside a
 * `$batch`, each inner request is matched on its own: a status fault becomes that request's status, a hang
 * or drop takes the whole batch connection with it.
 */
import { z } from 'zod';

export const faultRuleSchema = z.strictObject({
  method: z.string().toUpperCase().optional(),
  path: z.string().min(1),
  kind: z.enum(['status', 'hang', 'drop', 'commit-then-drop']),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  times: z.number().int().min(1).default(1),
  user: z.string().toLowerCase().optional(),
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

export interface FaultRule {
  readonly id: string;
  readonly method?: string;
  readonly path: string;
  readonly kind: 'status' | 'hang' | 'drop' | 'commit-then-drop';
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly user?: string;
  /** How many more requests it will fail. */
  readonly remaining: number;
}

export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly kind: 'hang' | 'drop' | 'commit-then-drop' };

interface ActiveRule {
  readonly rule: Omit<FaultRule, 'remaining'>;
  readonly pattern: RegExp;
  remaining: number;
}

function patternOf(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}/?$`, 'i');
}

export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** Adds a rule (validated: a `status` rule needs a status); returns its id. */
  add(input: FaultRuleInput): string {
    const parsed = faultRuleSchema.parse(input);
    if (parsed.kind === 'status' && parsed.status === undefined)
      throw new RangeError('a status fault needs a status');
    const id = `fault-${this.nextId++}`;
    const { times, ...rest } = parsed;
    this.rules.push({ rule: { id, ...rest }, pattern: patternOf(parsed.path), remaining: times });
    return id;
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) => ({ ...rule, remaining }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule matches (the rule's count goes down by one). */
  take(method: string, path: string, user: string | undefined): Fault | undefined {
    const active = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.rule.method === undefined || candidate.rule.method === method.toUpperCase()) &&
        (candidate.rule.user === undefined || candidate.rule.user === user) &&
        candidate.pattern.test(path),
    );
    if (active === undefined) return undefined;
    active.remaining -= 1;
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    const { rule } = active;
    if (rule.kind === 'status') {
      return {
        kind: 'status',
        status: rule.status ?? 500,
        ...(rule.retryAfterSeconds !== undefined ? { retryAfterSeconds: rule.retryAfterSeconds } : {}),
      };
    }
    return { kind: rule.kind };
  }
}
