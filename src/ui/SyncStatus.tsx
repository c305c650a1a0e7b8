/**
 * Where the data stands: when it was last updated from the ERP, the update in progress (which listing,
 * how far), or why the last update failed — in a sentence, with the technical detail folded away and the
 * cached data still on screen.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { CalendarDate } from '../domain/calendar';
import { formatCount, formatInstant, formatTime, messagesFor, type UiLanguage } from './i18n';
import type { SyncView } from './model';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  line: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    minHeight: '24px',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  detail: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    overflowWrap: 'anywhere',
  },
});

export interface SyncStatusProps {
  readonly sync: SyncView;
  /** The plan's today, to write "at 10:42" instead of the whole date for an update made today. */
  readonly today?: CalendarDate;
  readonly onRefresh: () => void;
  readonly language: UiLanguage;
}

/** The local calendar date of an instant, to compare with `today`. */
const localDay = (epochMs: number): string => {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

export function SyncStatus({ sync, today, onRefresh, language }: SyncStatusProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const when =
    sync.lastSyncAt === undefined
      ? undefined
      : today !== undefined && localDay(sync.lastSyncAt) === today
        ? { time: formatTime(sync.lastSyncAt, language) }
        : { dateTime: formatInstant(sync.lastSyncAt, language) };

  if (sync.phase === 'syncing') {
    const done = sync.done ?? 0;
    const progress = t.syncProgress(
      formatCount(done, language),
      sync.total !== undefined ? formatCount(sync.total, language) : undefined,
    );
    return (
      <div className={styles.root} role="status" data-testid="sync-status">
        <div className={styles.line}>
          <Text size={200}>
            {t.syncing(sync.step ?? 'setup')}
            {sync.done !== undefined && sync.done > 0 ? ` · ${progress}` : ''}
          </Text>
        </div>
        <ProgressBar
          thickness="medium"
          aria-label={t.syncing(sync.step ?? 'setup')}
          {...(sync.total !== undefined && sync.total > 0 ? { value: Math.min(1, done / sync.total) } : {})}
        />
      </div>
    );
  }

  return (
    <div className={styles.root} data-testid="sync-status">
      <div className={styles.line} role="status">
        <Text size={200} className={styles.muted}>
          {when !== undefined ? t.lastSync(when) : t.neverSynced}
          {sync.quarantined !== undefined && sync.quarantined > 0
            ? ` · ${t.quarantined(sync.quarantined)}`
            : ''}
        </Text>
        <Button size="small" appearance="subtle" onClick={onRefresh}>
          {t.refresh}
        </Button>
      </div>
      {sync.phase === 'failed' && (
        <MessageBar intent="warning" layout="multiline" data-testid="sync-error">
          <MessageBarBody>
            <MessageBarTitle>{t.syncFailedTitle}</MessageBarTitle>
            {t.syncFailure(sync.failure ?? 'unknown')}{' '}
            {sync.lastSyncAt !== undefined && t.showingCached(formatInstant(sync.lastSyncAt, language))}
            {sync.detail !== undefined && (
              <details>
                <summary>{t.details}</summary>
                <span className={styles.detail}>{sync.detail}</span>
              </details>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onRefresh}>
              {t.refresh}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
