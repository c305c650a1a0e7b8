/**
 * The task pane's entry: waits (briefly) for Office.js, picks language and theme, loads the configuration,
 * signs in, opens the signed-in mailbox's cache and hands everything to the pane controller, which shows
 * today's plan from the cache at once and then syncs with the ERP. This wiring layer is where the clock is
 * read: the domain takes `today` as an argument.
 *
 * Query parameters (for the browser demo and tests): `?lang=it|en`, `?theme=light|dark|contrast`, and in
 * development builds with the dev identity `?user=<address>` to sign in as another demo user.
 */
import { webLightTheme, type Theme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createAuth } from '../auth/create-auth';
import { loadConfig } from '../config/load-config';
import type { AppConfig } from '../config/settings';
import type { ErpClient } from '../erp/client';
import { isInOutlook } from '../office/host';
import { officeDisplayLanguage, officeReady, type OfficeReadyInfo } from '../office/office-ready';
import { openDraft } from '../office/open-draft';
import { userSettingsStore } from '../office/roaming-settings';
import { getOfficeTheme } from '../office/theme';
import { openDatabase } from '../store/db';
import { StartScreen, type PaneTheme } from '../ui/App';
import { pickUiLanguage, UI_LANGUAGES, type UiLanguage } from '../ui/i18n';
import { connectionPort } from './connection';
import { lazyMail } from './mail-port';
import { PaneController } from './pane-controller';
import { PaneRoot } from './PaneRoot';
import { createLocalPlanner, withFallback, type Planner } from './planner';
import { createWorkerPlanner } from './worker-planner';
import { messageOf } from '../domain/message-of';

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

function chooseLanguage(params: URLSearchParams, office: OfficeReadyInfo): UiLanguage {
  const asked = params.get('lang');
  const forced = UI_LANGUAGES.find((language) => language === asked);
  if (forced !== undefined) return forced;
  return pickUiLanguage([
    office.host !== null ? officeDisplayLanguage() : undefined,
    ...(navigator.languages ?? []),
    navigator.language,
  ]);
}

/** Fluent's theme for a name: the light one is in the first bundle, the others load when asked for. */
async function loadTheme(name: PaneTheme): Promise<Theme> {
  if (name === 'light') return webLightTheme;
  const { darkTheme, contrastTheme } = await import('./themes');
  return name === 'dark' ? darkTheme : contrastTheme;
}

function chooseTheme(params: URLSearchParams): PaneTheme {
  const asked = params.get('theme');
  if (asked === 'light' || asked === 'dark' || asked === 'contrast') return asked;
  const office = getOfficeTheme();
  if (office !== undefined) return office.isDark ? 'dark' : 'light';
  if (typeof matchMedia === 'function' && matchMedia('(forced-colors: active)').matches) return 'contrast';
  return 'light';
}

/** In dev mode: `?user=` wins over the DEV_USER setting (whose default is the demo's enabled user). */
function withDevUser(config: AppConfig, params: URLSearchParams): AppConfig {
  if (config.authMode !== 'dev') return config;
  const asked = params.get('user')?.trim();
  return asked !== undefined && asked !== '' ? { ...config, devUser: asked } : config;
}

function plannerFor(mailbox: string, fallback: () => Planner): Planner {
  try {
    return withFallback(createWorkerPlanner(mailbox), fallback);
  } catch (error) {
    console.warn('No planning worker here: planning on the main thread after the first paint.', error);
    return fallback();
  }
}

async function start(root: Root, language: UiLanguage, theme: Theme, params: URLSearchParams): Promise<void> {
  const settings = userSettingsStore();
  const resolved = loadConfig(settings);
  for (const problem of resolved.problems) console.warn(`Configuration: ${problem.message}`);
  const config = withDevUser(resolved.config, params);
  const auth = createAuth(config);
  const account = await auth.signIn();
  const identifiers = auth.identifiers();
  const user = identifiers.primaryAddress ?? account.username;
  const db = openDatabase(user);
  const planner = plannerFor(user, () => createLocalPlanner(db, user));
  // Not needed to show today's list from the cache: loaded while the first plan is made.
  let erpClient: Promise<ErpClient> | undefined;
  const erp = (): Promise<ErpClient> =>
    (erpClient ??= import('../erp/client').then(
      ({ ErpClient }) => new ErpClient({ baseUrl: config.erpBaseUrl, tokens: auth.erp }),
    ));
  const mail = lazyMail(() =>
    import('./mail-wiring').then(({ createMail }) =>
      createMail({
        config,
        auth,
        db,
        account: identifiers,
        me: user,
        communications: (keys) => planner.communications(keys),
        storage: window.localStorage,
      }),
    ),
  );

  const controller = new PaneController({
    db,
    erp,
    planner,
    mail,
    user,
    identifiers,
    devIdentity: auth.mode === 'dev',
    inOutlook: isInOutlook(),
    storage: window.localStorage,
    now: Date.now,
    openMessage: async (messageId) => {
      const opened = await openDraft(messageId);
      if (!opened.ok)
        throw new Error(
          opened.error === 'not_in_outlook'
            ? 'Drafts open in Outlook only: look in the Drafts folder'
            : 'No message id',
        );
    },
    connection: connectionPort(settings, () => window.location.reload()),
  });
  window.addEventListener('pagehide', () => controller.dispose());
  root.render(
    <StrictMode>
      <PaneRoot controller={controller} language={language} theme={theme} />
    </StrictMode>,
  );
  await controller.start();
}

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (container === null) throw new Error('taskpane.html has no #root element');
  const params = new URLSearchParams(window.location.search);
  const office = await officeReadyWithin(OFFICE_READY_TIMEOUT_MS);
  const language = chooseLanguage(params, office);
  const theme = await loadTheme(chooseTheme(params)).catch(() => webLightTheme);
  document.documentElement.lang = language;
  const root = createRoot(container);
  root.render(<StartScreen language={language} theme={theme} />);
  try {
    await start(root, language, theme, params);
  } catch (error) {
    console.error('The task pane could not start', error);
    root.render(<StartScreen language={language} theme={theme} failure={messageOf(error)} />);
  }
}

main().catch((error: unknown) => {
  console.error('The task pane could not start', error);
});
