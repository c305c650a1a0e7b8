/**
 * The settings: an administrator edits a level's text and sees the live preview on a real customer,
 * saves it to the ERP (and the home preview follows); repetition is refused on a level that is not the
 * last, with the reason; a conflicting edit made elsewhere is reported, not overwritten; everyone else
 * reads the settings without being able to change them.
 */
import { ADMIN, ENABLED_USER, expect, test } from './fixtures';
import { changeSetupBehindTheBack, erpClient } from './erp-helpers';

test('an administrator edits a text with the live preview, saves it, and a conflicting edit elsewhere is reported', async ({
  page,
  pane,
  stack,
}) => {
  await pane.open({ user: ADMIN });
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });
  await page.getByRole('tab', { name: 'Impostazioni' }).click();

  const subject = page.getByTestId('text-subject');
  await expect(subject).toHaveValue('Promemoria scadenze – %Cliente');
  await expect(page.getByTestId('text-preview-subject')).toContainText('Promemoria scadenze – ');
  await subject.fill('Scadenze in arrivo per ');
  await page.getByRole('button', { name: '%Cliente' }).click();
  await expect(subject).toHaveValue('Scadenze in arrivo per %Cliente');
  await expect(page.getByTestId('text-preview-subject')).toHaveText(/^Scadenze in arrivo per \S/);
  await page.getByTestId('text-body').fill('Buongiorno %Clientee,\n%Partita');
  await expect(page.getByText('Segnaposto sconosciuti (resteranno come scritti): %Clientee')).toBeVisible();
  await pane.screenshot('settings-texts-400');

  // Repetition only on the last level: the first level's field is off, and says why.
  const firstLevel = page.getByTestId('level-card').first();
  await expect(firstLevel.getByTestId('level-recur')).toBeDisabled();
  await expect(firstLevel).toContainText(
    'La ripetizione è possibile solo sull’ultimo livello (quello con più giorni): ora è “Sollecito”.',
  );
  await firstLevel.scrollIntoViewIfNeeded();
  await pane.screenshot('settings-levels-400');

  await page.getByRole('button', { name: 'Salva nell’ERP' }).click();
  await expect(page.getByTestId('save-outcome')).toHaveText('Configurazione salvata nell’ERP.');

  // Another administrator saves meanwhile: this pane's next save is refused, nothing is overwritten.
  await changeSetupBehindTheBack(erpClient(stack.erpUrl, ADMIN), (setup) => ({
    ...setup,
    minDaysBetween: 11,
  }));
  await subject.fill('Un altro oggetto');
  await page.getByRole('button', { name: 'Salva nell’ERP' }).click();
  await expect(page.getByTestId('save-outcome')).toContainText(
    'Un altro amministratore ha modificato la configurazione nel frattempo',
  );
  const { setup } = await erpClient(stack.erpUrl, ADMIN).getSetup();
  expect(setup.minDaysBetween).toBe(11);
  expect(setup.levels.find((level) => level.id === 'L1')?.texts.it?.subject).toBe(
    'Scadenze in arrivo per %Cliente',
  );
  await pane.screenshot('settings-conflict-400');
  stack.erp.mutations.reset();
});

test('an HTML text: what is not allowed in e-mails is listed, gone from the preview, and the ERP gets the filtered text', async ({
  page,
  pane,
  stack,
}) => {
  const admin = erpClient(stack.erpUrl, ADMIN);
  const before = (await admin.getSetup()).setup;
  await pane.open({ user: ADMIN });
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });
  await page.getByRole('tab', { name: 'Impostazioni' }).click();
  await expect(page.getByTestId('text-preview-subject')).toBeVisible();

  await page.getByRole('radio', { name: 'HTML' }).check();
  await page
    .getByTestId('text-body')
    .fill(
      '<p onclick="alert(1)">Gentile <b>%Cliente</b>,</p><script>alert(2)</script>' +
        '<img src="https://track.example/p.gif"><a href="javascript:alert(3)">paga</a>%Partita',
    );
  await expect(page.getByTestId('html-removed')).toHaveText(
    'Non ammesso nelle e-mail, tolto al salvataggio e all’invio: attributo onclick di <p>; <script>; <img>; link di <a> che non inizia con http://, https:// o mailto:.',
  );
  const frame = page.frameLocator('[data-testid="text-preview-frame"]');
  await expect(frame.locator('p b')).not.toBeEmpty();
  await expect(frame.locator('script, img, [onclick], a[href]')).toHaveCount(0);
  await expect(frame.locator('table')).toContainText('Importo residuo');

  await page.getByRole('button', { name: 'Salva nell’ERP' }).click();
  await expect(page.getByTestId('save-outcome')).toHaveText('Configurazione salvata nell’ERP.');
  const { setup } = await admin.getSetup();
  expect(setup.levels.find((level) => level.id === 'L1')?.texts.it).toEqual(
    expect.objectContaining({ format: 'html', body: '<p>Gentile <b>%Cliente</b>,</p><a>paga</a>%Partita' }),
  );

  // The setup as it was, for the tests after this one.
  await changeSetupBehindTheBack(admin, () => before);
  stack.erp.mutations.reset();
});

test('each setting with a bad value says its own problem on the field, and Save stays off', async ({
  page,
  pane,
}) => {
  await pane.open({ user: ADMIN });
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });
  await page.getByRole('tab', { name: 'Impostazioni' }).click();

  // "Add level" leaves a valid setup: the new level goes before the repeating last one.
  await page.getByRole('button', { name: 'Aggiungi livello' }).click();
  await expect(page.getByTestId('level-card')).toHaveCount(4);
  await expect(page.getByTestId('setup-problems')).toHaveCount(0);
  await expect(page.getByTestId('level-card').last().getByTestId('level-days')).toHaveValue('22');
  // "Sollecito", still the last level (the new one is listed at the end until its days are edited).
  const last = page.getByTestId('level-card').nth(2);
  await expect(last.getByTestId('level-recur')).toHaveValue('30');

  const minimum = page.getByTestId('minimum-amount');
  await minimum.fill('-5');
  await expect(minimum).toHaveValue('-5');
  await expect(
    page.getByText('L’importo minimo non può essere negativo: scrivi 0 o più.').first(),
  ).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Utenti abilitati ai solleciti' })
    .fill(`${ENABLED_USER}\nnon un indirizzo`);
  await expect(page.getByText('Non è un indirizzo e-mail: “non un indirizzo”.').first()).toBeVisible();
  const second = page.getByTestId('level-card').nth(1);
  await second.getByTestId('level-name').fill('');
  await expect(second).toContainText('Dai un nome al livello: è quello che vedono gli utenti.');
  await last.getByTestId('level-recur').fill('-3');
  await expect(last).toContainText('“Ripeti ogni (giorni)” deve essere un numero intero, almeno 1.');
  await expect(page.getByRole('button', { name: 'Salva nell’ERP' })).toBeDisabled();
  await page.evaluate(() => window.scrollTo(0, 0));
  await pane.screenshot('settings-errors-400');
  await page.getByRole('textbox', { name: 'Utenti abilitati ai solleciti' }).scrollIntoViewIfNeeded();
  await pane.screenshot('settings-errors-users-400');
  await second.scrollIntoViewIfNeeded();
  await pane.screenshot('settings-errors-levels-400');
  await last.getByTestId('level-recur').scrollIntoViewIfNeeded();
  await pane.screenshot('settings-errors-recurrence-400');
});

test('an enabled user who is not an administrator reads the settings but cannot change them', async ({
  page,
  pane,
}) => {
  await pane.open({ user: ENABLED_USER });
  await page.getByRole('tab', { name: 'Impostazioni' }).click();
  await expect(page.getByTestId('settings-read-only')).toContainText(
    `Solo gli amministratori possono modificare la configurazione dei solleciti (${ADMIN})`,
  );
  await expect(page.getByTestId('text-subject')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Salva nell’ERP' })).toHaveCount(0);
  await expect(page.getByTestId('connection-settings')).toBeVisible();
  await page.setViewportSize({ width: 800, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await pane.screenshot('settings-read-only-800');
});
