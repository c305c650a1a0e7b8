/**
 * What the specs do on the ERP side, through its real HTTP API as a demo user: read the books and plan
 * today (as the pane would), record a communication as handled, change the setup behind the pane's back.
 */
import { ERP_TIME_ZONE } from '../../dev/erp/server';
import { devIdentityProvider } from '../../src/auth/token-provider';
import { todayInTimeZone } from '../../src/domain/calendar';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { planReminders, type Communication } from '../../src/domain/plan-reminders';
import { validateSetup } from '../../src/domain/setup';
import type { Agent } from '../../src/domain/types';
import { ErpClient } from '../../src/erp/client';
import type { ErpResource, RecordOf } from '../../src/erp/records';
import type { ReminderSetupWire } from '../../src/erp/wire';

export function erpClient(erpUrl: string, user: string): ErpClient {
  return new ErpClient({
    baseUrl: erpUrl,
    tokens: devIdentityProvider({ baseUrl: erpUrl, user, audience: 'erp' }),
    retries: 0,
  });
}

async function listAll<R extends ErpResource>(client: ErpClient, resource: R): Promise<RecordOf<R>[]> {
  const all: RecordOf<R>[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listPage(resource, {
      limit: 5000,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    all.push(...page.records);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** Today's plan as the pane computes it, from the ERP's current books and log. */
export async function planToday(
  client: ErpClient,
): Promise<{ communications: readonly Communication[]; customerName: (id: string) => string }> {
  const { setup: wire } = await client.getSetup();
  const setup = validateSetup(wire);
  if (!setup.ok) throw new Error('the demo setup is invalid');
  const [customers, agents, items, log] = await Promise.all([
    listAll(client, 'customers'),
    listAll(client, 'agents'),
    listAll(client, 'open-items'),
    client.reminderLog(),
  ]);
  const plan = planReminders({
    setup: setup.value,
    today: todayInTimeZone(Date.now(), ERP_TIME_ZONE),
    customers,
    agents: agents as Agent[],
    items,
    ledger: log.entries.map(({ itemId, levelId, cycle, sentOn, state }) => ({
      itemId,
      levelId,
      cycle,
      sentOn,
      state,
    })),
  });
  const names = new Map(customers.map((customer) => [customer.id, customer.name]));
  return { communications: plan.communications, customerName: (id) => names.get(id) ?? id };
}

/** Claims a communication and confirms it as handled (no e-mail), as "Segna come gestito" does. */
export async function markHandled(client: ErpClient, communication: Communication): Promise<string> {
  const pairs = itemCyclesOf(communication);
  const key = communicationKey(communication.levelId, pairs);
  const outcome = await client.claim({
    key,
    levelId: communication.levelId,
    items: pairs.map(([itemId, cycle]) => ({ itemId, cycle })),
  });
  if (!outcome.claimed) throw new Error(`already claimed by ${outcome.holder}`);
  const at = new Date().toISOString();
  await client.confirm(key, {
    state: 'handled',
    to: [...communication.to],
    cc: [...communication.cc],
    at,
    sentOn: todayInTimeZone(Date.now(), ERP_TIME_ZONE),
  });
  return key;
}

/** Changes the setup in the ERP as another administrator would, meanwhile. */
export async function changeSetupBehindTheBack(
  client: ErpClient,
  change: (setup: ReminderSetupWire) => ReminderSetupWire,
): Promise<void> {
  const { setup, etag } = await client.getSetup();
  await client.putSetup(change(setup), etag);
}
