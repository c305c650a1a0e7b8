/**
 * The history: every communication sent, drafted or marked handled (the ledger, one row a communication),
 * newest first — when, who, level, items, what is still open, recipients, state, and the message itself
 * in Outlook — searchable, and exported as CSV.
 */
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  Spinner,
  Text,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { formatMoney } from '../domain/money';
import { historyCsv, searchHistory } from './history';
import { formatInstant, messagesFor, type UiLanguage } from './i18n';
import type { HistoryRow, PaneActions, PaneState } from './model';
import { messageOf } from '../domain/message-of';

const PAGE = 200;
/** Documents named on a row at most; the rest are counted ("+12"). The search and the CSV have them all. */
const DOCUMENTS_SHOWN = 5;

const shortList = (values: readonly string[]): string =>
  values.length <= DOCUMENTS_SHOWN
    ? values.join(', ')
    : `${values.slice(0, DOCUMENTS_SHOWN).join(', ')} +${values.length - DOCUMENTS_SHOWN}`;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS },
  search: { flexGrow: 1, minWidth: 0 },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  row: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  amount: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap', flexShrink: 0 },
});

const STATE_COLOURS: Readonly<Record<HistoryRow['state'], BadgeProps['color']>> = {
  sent: 'success',
  drafted: 'warning',
  handled: 'informative',
};

export interface HistoryViewProps {
  readonly state: PaneState;
  readonly actions: PaneActions;
  readonly language: UiLanguage;
}

export function HistoryView({ state, actions, language }: HistoryViewProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [rows, setRows] = useState<readonly HistoryRow[] | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const deferredQuery = useDeferredValue(query);
  // Reloaded whenever the data changed (a sync finished, a plan was made).
  const planVersion = state.plan.kind === 'planned' ? state.plan.snapshot : undefined;

  useEffect(() => {
    let live = true;
    actions.loadHistory().then(
      (loaded) => live && setRows(loaded),
      (error: unknown) => live && setFailed(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [actions, planVersion]);

  const found = useMemo(
    () => searchHistory(rows ?? [], deferredQuery, t.historyState),
    [rows, deferredQuery, t],
  );

  const exportCsv = (): void => {
    const csv = historyCsv(found, t.csvHeader, language, t.historyState);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `solleciti-${language === 'it' ? 'storico' : 'history'}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  if (failed !== undefined) return <Text>{t.actionFailed(failed)}</Text>;
  if (rows === undefined) return <Spinner size="small" label={t.loading} />;

  return (
    <section className={styles.root} aria-labelledby="history-heading">
      <div className={styles.header}>
        <Text as="h2" id="history-heading" size={400} weight="semibold">
          {t.historyHeading}
        </Text>
        <Text size={200} className={styles.muted} data-testid="history-count">
          {t.historyCount(found.length, rows.length)}
        </Text>
      </div>
      <div className={styles.toolbar}>
        <Field label={t.historySearchLabel} className={styles.search}>
          <Input
            type="search"
            placeholder={t.historySearch}
            value={query}
            onChange={(_, data) => setQuery(data.value)}
            data-testid="history-search"
          />
        </Field>
        <Button className={styles.nowrap} disabled={found.length === 0} onClick={exportCsv}>
          {t.exportCsv}
        </Button>
      </div>
      {rows.length === 0 && <Text className={styles.muted}>{t.noHistory}</Text>}
      <ul className={styles.list}>
        {found.slice(0, shown).map((row) => (
          <li key={row.key} className={styles.row} data-testid="history-row">
            <div className={styles.line}>
              <Text weight="semibold" className={styles.name}>
                {row.customerName !== '' ? row.customerName : '—'}
              </Text>
              <Text size={200} className={styles.amount}>
                {row.openNow !== undefined && row.currency !== undefined
                  ? t.openNow(formatMoney(row.openNow, row.currency, language))
                  : t.allPaid}
              </Text>
            </div>
            <div className={styles.line}>
              <Badge appearance="tint" color={STATE_COLOURS[row.state]}>
                {t.historyState(row.state)}
              </Badge>
              <Text size={200}>{row.levelName}</Text>
              <Text size={200} className={styles.muted}>
                {formatInstant(row.at, language)} · {t.historyBy(row.user)}
              </Text>
            </div>
            <Text size={200} className={styles.muted}>
              {t.itemsCount(row.itemCount)}
              {row.documentNumbers.length > 0 ? `: ${shortList([...new Set(row.documentNumbers)])}` : ''}
            </Text>
            {row.to.length > 0 && (
              <Text size={200} className={styles.muted}>
                {t.to}: {row.to.join(', ')}
                {row.cc.length > 0 ? ` · ${t.cc}: ${row.cc.join(', ')}` : ''}
              </Text>
            )}
            {row.messageId !== undefined && state.session.inOutlook && (
              <div>
                <Button
                  size="small"
                  appearance="transparent"
                  onClick={() => void actions.openMessage(row.messageId ?? '').catch(() => undefined)}
                >
                  {t.openMessage}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {found.length > shown && (
        <Button appearance="subtle" onClick={() => setShown(shown + PAGE)}>
          {t.showSkipped} (+{Math.min(PAGE, found.length - shown)})
        </Button>
      )}
    </section>
  );
}
