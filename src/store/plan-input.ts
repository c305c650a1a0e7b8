/**
 * Reads what the engine needs from the cache: the validated setup and the books. The pane plans from this
 * at once on opening (before any network), and again after each sync.
 */
import { describeSetupProblems, validateSetup, type Setup, type SetupProblem } from '../domain/setup';
import type { Agent, Customer, LedgerEntry, OpenItem } from '../domain/types';
import type { SollecitiDatabase } from './db';

export interface CachedBooks {
  readonly customers: Customer[];
  readonly agents: Agent[];
  readonly items: OpenItem[];
  readonly ledger: LedgerEntry[];
}

export type CachedPlanInput =
  | { readonly kind: 'empty' } // never synced: nothing to plan from yet
  | { readonly kind: 'invalid_setup'; readonly problems: readonly SetupProblem[]; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly setup: Setup;
      readonly books: CachedBooks;
      readonly fetchedAt: number;
    };

/** The cached setup and books, read in one transaction so they belong together. */
export async function readPlanInput(db: SollecitiDatabase): Promise<CachedPlanInput> {
  return db.transaction('r', [db.setup, db.customers, db.agents, db.items, db.ledger], async () => {
    const record = await db.setup.get('current');
    if (record === undefined) return { kind: 'empty' } as const;
    const setup = validateSetup(record.setup);
    if (!setup.ok)
      return {
        kind: 'invalid_setup',
        problems: setup.error,
        message: describeSetupProblems(setup.error),
      } as const;
    const [customers, agents, items, ledger] = await Promise.all([
      db.customers.toArray(),
      db.agents.toArray(),
      db.items.toArray(),
      db.ledger.toArray(),
    ]);
    return {
      kind: 'ready',
      setup: setup.value,
      books: {
        customers,
        agents,
        items,
        ledger: ledger.map(({ itemId, levelId, cycle, sentOn, state }) => ({
          itemId,
          levelId,
          cycle,
          sentOn,
          state,
        })),
      },
      fetchedAt: record.fetchedAt,
    } as const;
  });
}
