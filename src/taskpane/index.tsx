/**
 * The task pane's entry: waits (briefly) for Office.js, picks the UI language, plans today's reminders
 * and renders the pane. This wiring layer is where the clock is read: the domain takes `today` as an
 * argument. Until the ERP client and the store land, it plans from the embedded demo dataset.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { todayInTimeZone } from '../domain/calendar';
import { planReminders } from '../domain/plan-reminders';
import { describeSetupProblems, validateSetup } from '../domain/setup';
import { officeDisplayLanguage, officeReady, type OfficeReadyInfo } from '../office/office-ready';
import { App, type PaneModel } from '../ui/App';
import { pickUiLanguage } from '../ui/i18n';
import { buildDemoBook, DEMO_SETUP } from './demo-data';

/** Long enough for office.js to hand-shake with its host, short enough that a stuck CDN never blocks the pane. */
const OFFICE_READY_TIMEOUT_MS = 1500;

/** `officeReady()`, but never longer than `timeoutMs`: then the pane goes on as in a plain browser. */
async function officeReadyWithin(timeoutMs: number): Promise<OfficeReadyInfo> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<OfficeReadyInfo>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`Office.js was not ready after ${timeoutMs} ms: continuing without it.`);
      resolve({ host: null });
    }, timeoutMs);
  });
  try {
    return await Promise.race([officeReady(), timeout]);
  } catch (error) {
    console.warn('Office.js failed to initialise: continuing without it.', error);
    return { host: null };
  } finally {
    clearTimeout(timer);
  }
}

/** Today's plan from the demo dataset, or why there is none. */
function planFromDemo(nowEpochMs: number): PaneModel {
  const validated = validateSetup(DEMO_SETUP);
  if (!validated.ok) {
    console.error(describeSetupProblems(validated.error));
    return { kind: 'failed', reason: 'invalid_setup', details: validated.error.map((problem) => problem.message) };
  }
  const setup = validated.value;
  const today = todayInTimeZone(nowEpochMs, setup.timezone);
  const book = buildDemoBook(today);
  const plan = planReminders({ setup, today, ...book });
  return { kind: 'planned', setup, today, plan, customers: book.customers, items: book.items, demo: true };
}

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (container === null) throw new Error('taskpane.html has no #root element');
  const office = await officeReadyWithin(OFFICE_READY_TIMEOUT_MS);
  const language = pickUiLanguage([office.host !== null ? officeDisplayLanguage() : undefined, ...(navigator.languages ?? []), navigator.language]);
  document.documentElement.lang = language;

  let model: PaneModel;
  try {
    model = planFromDemo(Date.now());
  } catch (error) {
    console.error(error);
    model = { kind: 'failed', reason: 'load_failed', details: [error instanceof Error ? error.message : String(error)] };
  }
  createRoot(container).render(
    <StrictMode>
      <App model={model} language={language} />
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  console.error('The task pane could not start', error);
});
