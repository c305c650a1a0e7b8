/** The draft a job creates: what goes to Graph as To, CC and attachment names, from ERP data that may be hostile. */
import { aCustomer, anAgent, anItem, aSetup } from '../../test/builders/domain';
import { communicationKey, itemCyclesOf } from '../domain/communication-key';
import { planReminders } from '../domain/plan-reminders';
import type { Customer } from '../domain/types';
import { composeDraft } from './compose';
import type { PlanSnapshot } from './freshness';

function draftFor(customer: Customer) {
  const setup = aSetup({ ccAgent: true });
  const items = [anItem()];
  const agents = [anAgent()];
  const today = '2026-03-15';
  const [communication] = planReminders({
    setup,
    today,
    customers: [customer],
    agents,
    items,
    ledger: [],
  }).communications;
  if (communication === undefined) throw new Error('nothing planned');
  const key = communicationKey(communication.levelId, itemCyclesOf(communication));
  const snapshot: PlanSnapshot = {
    setup,
    today,
    byKey: new Map([[key, communication]]),
    customers: new Map([[customer.id, customer]]),
    agents: new Map(agents.map((agent) => [agent.id, agent])),
    items: new Map(items.map((item) => [item.id, item])),
    placeOf: new Map(),
  };
  return composeDraft(snapshot, communication, key, itemCyclesOf(communication));
}

test("the To display name is the customer's name", () => {
  expect(draftFor(aCustomer()).to).toEqual([{ address: 'amministrazione@rossi.it', name: 'Rossi Srl' }]);
});

test("the customer's name is made harmless before it becomes Graph's emailAddress.name", () => {
  const hostile = aCustomer({
    name: '"Banca" <pagamenti@evil.example>\u202Egnp.exe\u0000\r\nBcc: x@y.z\u200B',
  });
  expect(draftFor(hostile).to).toEqual([
    { address: 'amministrazione@rossi.it', name: "'Banca' (pagamenti@evil.example)gnp.exe Bcc: x@y.z" },
  ]);
  const long = draftFor(aCustomer({ name: `Rossi ${'e Figli '.repeat(40)}Srl` })).to[0]?.name ?? '';
  expect(Array.from(long)).toHaveLength(100);
  expect(long.endsWith('…')).toBe(true);
});

test('a name with nothing visible left is left out: the address alone', () => {
  expect(draftFor(aCustomer({ name: '\u202E\u200B\u0000 ' })).to).toEqual([
    { address: 'amministrazione@rossi.it' },
  ]);
});
