/**
 * The task pane: a header (who, today, where the data stands), three views — today's reminders, the
 * history, the settings — and nothing else. It renders what the wiring layer (src/taskpane) hands it and
 * calls its actions; it reads no clock, no storage and no Office state.
 */
import {
  Badge,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import { formatCalendarDate } from '../domain/calendar';
import { HomeView } from './HomeView';
import { messagesFor, type UiLanguage } from './i18n';
import type { PaneActions, PaneState } from './model';
import { SyncStatus } from './SyncStatus';

// The history and settings are not needed for the first screen: their code loads when first opened.
const HistoryView = lazy(() => import('./HistoryView').then((module) => ({ default: module.HistoryView })));
const SettingsView = lazy(() =>
  import('./SettingsView').then((module) => ({ default: module.SettingsView })),
);

export type PaneTheme = 'light' | 'dark' | 'contrast';

export type ViewName = 'home' | 'history' | 'settings';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
  },
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '760px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  titleLine: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  subtitle: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  user: { overflowWrap: 'anywhere' },
});

export interface AppProps {
  readonly state: PaneState;
  readonly actions: PaneActions;
  readonly language: UiLanguage;
  /** Fluent's theme; the dark and high-contrast ones are loaded only when needed (src/taskpane/themes.ts). */
  readonly theme?: Theme;
  readonly initialView?: ViewName;
}

export function App({ state, actions, language, theme = webLightTheme, initialView = 'home' }: AppProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [view, setView] = useState<ViewName>(initialView);
  const today = state.plan.kind === 'planned' ? state.plan.snapshot.today : undefined;

  return (
    // The page's own look goes on an inner element: the provider's class is also applied to its portals
    // (menus, tooltips), which must not become full-height backgrounds over the pane.
    <FluentProvider theme={theme} lang={language}>
      <div className={styles.root}>
        <main className={styles.page}>
          <header className={styles.header}>
            <div className={styles.titleLine}>
              <Text as="h1" size={500} weight="semibold">
                {t.appTitle}
              </Text>
              {today !== undefined && (
                <Text size={200}>{t.todayIs(formatCalendarDate(today, language))}</Text>
              )}
            </div>
            <div className={styles.subtitle}>
              <Text size={200} className={styles.user} data-testid="signed-in-user">
                {t.signedInAs(state.session.user)}
              </Text>
              {state.session.devIdentity && (
                <Badge appearance="tint" color="informative" size="small">
                  {t.devIdentity}
                </Badge>
              )}
            </div>
            <SyncStatus
              sync={state.sync}
              {...(today !== undefined ? { today } : {})}
              onRefresh={actions.refresh}
              language={language}
            />
          </header>
          <TabList
            className={styles.tabs}
            selectedValue={view}
            onTabSelect={(_, data) => setView(data.value as ViewName)}
            aria-label={t.viewsLabel}
            size="small"
          >
            <Tab value="home">{t.tabHome}</Tab>
            <Tab value="history">{t.tabHistory}</Tab>
            <Tab value="settings">{t.tabSettings}</Tab>
          </TabList>
          {view === 'home' && <HomeView state={state} actions={actions} language={language} />}
          {view !== 'home' && (
            <Suspense fallback={<Spinner size="small" label={t.loading} />}>
              {view === 'history' ? (
                <HistoryView state={state} actions={actions} language={language} />
              ) : (
                <SettingsView state={state} actions={actions} language={language} />
              )}
            </Suspense>
          )}
        </main>
      </div>
    </FluentProvider>
  );
}

/** Before the pane can show anything: starting, or why it could not start. */
export function StartScreen({
  language,
  failure,
  theme = webLightTheme,
}: {
  readonly language: UiLanguage;
  readonly failure?: string;
  readonly theme?: Theme;
}) {
  const styles = useStyles();
  const t = messagesFor(language);
  return (
    <FluentProvider theme={theme} lang={language}>
      <div className={styles.root}>
        <main className={styles.page}>
          <Text as="h1" size={500} weight="semibold">
            {t.appTitle}
          </Text>
          {failure === undefined ? (
            <Spinner size="small" label={t.starting} />
          ) : (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t.startFailed}</MessageBarTitle>
                {failure}
              </MessageBarBody>
            </MessageBar>
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
