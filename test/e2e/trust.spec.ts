/**
 * Trust in a real tenant (issue #11), in Chromium against the demo ERP and the Graph simulator:
 *
 * - Two users. Marta's send is taken by Graph but its answer is lost, then Graph fails: her job stays
 *   `sending`. Her claims list offers "Controlla la casella", never "Rilascia"; Luca sees the reminder
 *   held by her. Once Graph answers again, the check finds it sent and confirms it at the ERP: the
 *   reminder leaves Luca's list, and Sent Items holds one message.
 * - Two pages of the same user (one browser context) and one batch: one outbox worker per mailbox
 *   (Web Locks), and every message leaves with the plan's PDFs, once each.
 */
import { pdfNamesFor } from '../../src/domain/attachment-names';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { documentsOf, type Communication } from '../../src/domain/plan-reminders';
import { erpClient, planToday } from './erp-helpers';
import { ENABLED_USER, expect, prepareContext, test, type Page } from './fixtures';

const LUCA = 'luca.bianchi@solleciti.example';
const KEY_TAG = 'Name SollecitiKey';

const keyOf = (properties: readonly { id: string; value: string }[]): string | undefined =>
  properties.find((property) => property.id.includes(KEY_TAG))?.value;

async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });
}

/** Narrows the list to the reminders of customers whose name contains `text`; returns how many remain. */
async function narrowTo(page: Page, text: string): Promise<number> {
  await page.getByTestId('filter-text').fill(text);
  await expect(page.getByTestId('row-count')).toContainText(' di ');
  return Number((await page.getByTestId('row-count').textContent())?.match(/^(\d+)/)?.[1]);
}

/** The claims section once it lists `count` claims, opened. */
async function openClaims(page: Page, count: number) {
  const section = page.getByRole('region', { name: `In lavorazione da altri (${count})` });
  await section.getByRole('button', { expanded: false }).click({ timeout: 45_000 });
  return section;
}

test('a send taken by Graph whose answer was lost, then Graph failing: "Controlla la casella" instead of "Rilascia", and one message in Sent Items for two users', async ({
  page,
  pane,
  stack,
  browser,
}) => {
  test.setTimeout(150_000);
  await stack.graph.control.reset();
  stack.erp.mutations.reset();
  await pane.open();
  await waitForSync(page);

  // Marta sends one reminder: Graph sends it but the answer is lost, then Graph refuses every look-up.
  const row = page.getByTestId('reminder-row').nth(2);
  const customer = (await row.getByRole('button').first().textContent()) ?? '';
  await narrowTo(page, customer);
  const mine = page.getByTestId('reminder-row').first();
  await mine.getByRole('checkbox').check();
  const { control } = stack.graph;
  control.addFault({
    method: 'POST',
    path: '/me/messages/*/send',
    kind: 'commit-then-drop',
    times: 1,
    user: ENABLED_USER,
  });
  control.addFault({
    method: 'GET',
    path: '/me/messages/*',
    kind: 'status',
    status: 403,
    times: 10_000,
    user: ENABLED_USER,
  });
  await page.getByRole('button', { name: 'Altre azioni' }).click();
  await page.getByRole('menuitem', { name: 'Invia', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Invia', exact: true }).click();
  await expect.poll(() => control.dump(ENABLED_USER).sent.length, { timeout: 60_000 }).toBe(1);
  const key = keyOf(control.dump(ENABLED_USER).sent[0]?.singleValueExtendedProperties ?? []);
  expect(key).toMatch(/^[0-9a-f]{64}$/);

  // The run stops with the job unresolved: her claim is listed, to be checked, never released blindly.
  const claims = await openClaims(page, 1);
  const claim = claims.getByTestId('claim-row');
  await expect(claim).toHaveCount(1, { timeout: 45_000 });
  await expect(claim).toContainText('non confermato');
  await expect(claim.getByRole('button', { name: 'Controlla la casella' })).toBeVisible();
  await expect(claim.getByRole('button', { name: 'Rilascia' })).toHaveCount(0);

  // Luca, in his own browser: the reminder is held by Marta.
  const lucaContext = await browser.newContext();
  await prepareContext(lucaContext, stack);
  const luca = await lucaContext.newPage();
  await luca.goto(pane.url({ user: LUCA }));
  await waitForSync(luca);
  await narrowTo(luca, customer);
  await expect(luca.getByTestId('reminder-row').filter({ hasText: 'marta.rossi' })).toHaveCount(1);

  // Graph answers again: the check finds the message in Sent Items and confirms it at the ERP.
  control.clearFaults();
  await claim.getByRole('button', { name: 'Controlla la casella' }).click();
  await expect(page.getByTestId('claim-check-outcome')).toHaveText(
    'Era stato inviato: registrato come inviato',
    {
      timeout: 90_000,
    },
  );
  await expect(page.getByTestId('claim-row')).toHaveCount(0);
  const log = await erpClient(stack.erpUrl, ENABLED_USER).reminderLog();
  expect(log.claims).toEqual([]);
  expect(log.entries.filter((entry) => entry.key === key).every((entry) => entry.state === 'sent')).toBe(
    true,
  );

  // Luca's list no longer has it: nothing left for him to send twice.
  await luca.getByRole('button', { name: 'Aggiorna' }).first().click();
  await expect(luca.getByTestId('reminder-row').filter({ hasText: 'marta.rossi' })).toHaveCount(0, {
    timeout: 30_000,
  });
  expect(control.dump(LUCA).sent).toEqual([]);
  expect(
    control.dump(ENABLED_USER).sent.map((record) => keyOf(record.singleValueExtendedProperties)),
  ).toEqual([key]);
  expect(control.dump(ENABLED_USER).folders.sentitems).toHaveLength(1);
  await lucaContext.close();
  stack.erp.mutations.reset();
});

test('two pages of the same user and one batch: one worker per mailbox, every message with the plan’s PDFs once each', async ({
  page,
  context,
  pane,
  stack,
}) => {
  test.setTimeout(150_000);
  await stack.graph.control.reset();
  stack.erp.mutations.reset();
  const planned = new Map<string, Communication>(
    (await planToday(erpClient(stack.erpUrl, ENABLED_USER))).communications.map((communication) => [
      communicationKey(communication.levelId, itemCyclesOf(communication)),
      communication,
    ]),
  );
  await pane.open();
  await waitForSync(page);
  const second = await context.newPage();
  await second.goto(pane.url());
  await waitForSync(second);

  const customer =
    (await page.getByTestId('reminder-row').nth(5).getByRole('button').first().textContent()) ?? '';
  const visible = await narrowTo(page, customer.split(' ')[0] ?? customer);
  expect(visible).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Altre azioni' }).click();
  await page.getByRole('menuitem', { name: 'Invia', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Invia', exact: true }).click();
  // The second page joins in: it reloads (its pane resumes the unfinished batch) while the first works.
  await expect
    .poll(() => stack.graph.control.dump(ENABLED_USER).sent.length, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await second.reload();
  // Meanwhile, the outbox locks of this origin as the browser sees them: one worker for the mailbox.
  const seen: string[][] = [];
  while (stack.graph.control.dump(ENABLED_USER).sent.length < visible) {
    const locks = await second.evaluate(async () => {
      const state = await navigator.locks.query();
      return [...(state.held ?? []), ...(state.pending ?? [])].map((lock) => lock.name ?? '');
    });
    seen.push(locks.filter((name) => name.startsWith('solleciti-outbox:')));
    await second.waitForTimeout(100);
  }
  expect(seen.some((names) => names.length === 1)).toBe(true);
  for (const names of seen)
    expect(
      names.every((name) => name === `solleciti-outbox:solleciti:${ENABLED_USER}`) && names.length <= 1,
    ).toBe(true);

  const client = erpClient(stack.erpUrl, ENABLED_USER);
  const sizes = new Map<string, number>();
  for (const record of stack.graph.control.dump(ENABLED_USER).sent) {
    const communication = planned.get(keyOf(record.singleValueExtendedProperties) ?? '');
    if (communication === undefined) throw new Error('a message that is not in today’s plan');
    const documents = documentsOf(communication);
    const names = pdfNamesFor(documents.map(({ documentNumber }) => documentNumber));
    const want: { name: string; size: number }[] = [];
    for (const [index, { documentId }] of documents.entries()) {
      const size = sizes.get(documentId) ?? (await client.documentPdf(documentId)).size;
      sizes.set(documentId, size);
      want.push({ name: names[index] ?? '', size });
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(record.attachments.map(({ name, size }) => ({ name, size })).sort(byName)).toEqual(
      want.sort(byName),
    );
  }
  const keys = stack.graph.control
    .dump(ENABLED_USER)
    .sent.map((record) => keyOf(record.singleValueExtendedProperties));
  expect(new Set(keys).size).toBe(visible);
  stack.erp.mutations.reset();
});
