/**
 * The task pane: a header, today's reminders and the items left out. It renders what the wiring layer
 * (src/taskpane) hands it; it reads no clock, no storage and no Office state.
 */
import {
  Badge,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { formatCalendarDate, type CalendarDate } from '../domain/calendar';
import type { Plan } from '../domain/plan-reminders';
import type { Setup } from '../domain/setup';
import type { Customer, OpenItem } from '../domain/types';
import { messagesFor, type UiLanguage } from './i18n';
import { ReminderList, SkippedList } from './ReminderList';

/** What the pane shows: a plan for today, or why there is none. */
export type PaneModel =
  | {
      readonly kind: 'planned';
      readonly setup: Setup;
      readonly today: CalendarDate;
      readonly plan: Plan;
      readonly customers: readonly Customer[];
      readonly items: readonly OpenItem[];
      /** True while the pane plans from the embedded demo dataset instead of the ERP. */
      readonly demo: boolean;
    }
  | {
      readonly kind: 'failed';
      readonly reason: 'invalid_setup' | 'load_failed';
      /** Technical details (e.g. each setup problem), shown under the sentence for the reason. */
      readonly details: readonly string[];
    };

export interface AppProps {
  readonly model: PaneModel;
  readonly language: UiLanguage;
}

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, boxSizing: 'border-box' },
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    maxWidth: '720px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  subtitle: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  sectionHeader: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  details: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function App({ model, language }: AppProps) {
  const styles = useStyles();
  const t = messagesFor(language);

  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={language}>
      <main className={styles.page}>
        <header className={styles.header}>
          <Text as="h1" size={600} weight="semibold">
            {t.appTitle}
          </Text>
          {model.kind === 'planned' && (
            <div className={styles.subtitle}>
              <Text size={200}>{t.todayIs(formatCalendarDate(model.today, language))}</Text>
              {model.demo && (
                <Badge appearance="tint" color="informative" size="small">
                  {t.demoData}
                </Badge>
              )}
            </div>
          )}
        </header>
        {model.kind === 'planned' ? <PlannedView model={model} language={language} /> : <FailedView model={model} language={language} />}
      </main>
    </FluentProvider>
  );
}

function PlannedView({ model, language }: { readonly model: Extract<PaneModel, { kind: 'planned' }>; readonly language: UiLanguage }) {
  const styles = useStyles();
  const t = messagesFor(language);
  const customersById = useMemo(() => new Map(model.customers.map((customer) => [customer.id, customer] as const)), [model.customers]);
  const itemsById = useMemo(() => new Map(model.items.map((item) => [item.id, item] as const)), [model.items]);
  const { communications, skipped } = model.plan;

  return (
    <>
      <section className={styles.section} aria-labelledby="due-today">
        <div className={styles.sectionHeader}>
          <Text as="h2" id="due-today" size={400} weight="semibold">
            {t.dueTodayHeading}
          </Text>
          <Text size={200} className={styles.muted}>
            {t.remindersCount(communications.length)}
          </Text>
        </div>
        <ReminderList communications={communications} customersById={customersById} levels={model.setup.levels} today={model.today} language={language} />
      </section>
      <SkippedList skipped={skipped} itemsById={itemsById} customersById={customersById} minimumAmount={model.setup.minimumAmount} language={language} />
    </>
  );
}

function FailedView({ model, language }: { readonly model: Extract<PaneModel, { kind: 'failed' }>; readonly language: UiLanguage }) {
  const styles = useStyles();
  const t = messagesFor(language);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{model.reason === 'invalid_setup' ? t.invalidSetup : t.loadFailed}</MessageBarTitle>
        {model.details.length > 0 && (
          <ul className={styles.details}>
            {model.details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
