/**
 * The aging of open receivables: per currency, one stacked bar (not yet due, 1–30, 31–60, 61–90, over 90
 * days, by amount) with the open and overdue totals written beside it, and on request one bar per bucket
 * with its amount. The bars are decoration (hidden from screen readers): every figure is also text.
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { AgingBucket } from '../domain/aging';
import { cents, formatMoney } from '../domain/money';
import { messagesFor, type UiLanguage } from './i18n';
import type { AgingSeries } from './model';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  series: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    fontVariantNumeric: 'tabular-nums',
  },
  stack: {
    display: 'flex',
    height: '10px',
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: '2px',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: '7.5em minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', textAlign: 'right' },
  track: {
    height: '6px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    overflow: 'hidden',
  },
  bar: { height: '100%', minWidth: '2px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const BAR_COLOURS: Readonly<Record<AgingBucket, string>> = {
  not_due: tokens.colorPaletteGreenBackground3,
  days_1_30: tokens.colorPaletteYellowBackground3,
  days_31_60: tokens.colorPaletteMarigoldBackground3,
  days_61_90: tokens.colorPaletteDarkOrangeBackground3,
  over_90: tokens.colorPaletteRedBackground3,
};

export interface AgingChartProps {
  readonly aging: readonly AgingSeries[];
  readonly language: UiLanguage;
}

export function AgingChart({ aging, language }: AgingChartProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const headingId = useId();
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <div className={styles.header}>
        <Text as="h2" id={headingId} weight="semibold" size={300}>
          {t.agingHeading}
        </Text>
        {aging.length > 0 && (
          <Button
            appearance="subtle"
            size="small"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            {open ? t.hideSkipped : t.agingDetails}
          </Button>
        )}
      </div>
      {aging.length === 0 && <Text className={styles.muted}>{t.agingNothing}</Text>}
      <div id={detailsId} className={styles.section}>
        {aging.map((series) => {
          const total = series.buckets.reduce((sum, bucket) => sum + bucket.amount, 0);
          const overdue = series.buckets.reduce(
            (sum, bucket) => (bucket.bucket === 'not_due' ? sum : sum + bucket.amount),
            0,
          );
          const largest = Math.max(1, ...series.buckets.map((bucket) => bucket.amount));
          const money = (amount: number) => formatMoney(cents(amount), series.currency, language);
          return (
            <div key={series.currency} className={styles.series} data-testid="aging-series">
              <div className={styles.summary}>
                <Text size={200}>{t.agingOpen(money(total))}</Text>
                <Text size={200} className={styles.muted}>
                  {t.agingOverdue(money(overdue))}
                </Text>
              </div>
              <div className={styles.stack} aria-hidden="true">
                {total > 0 &&
                  series.buckets.map(({ bucket, amount }) =>
                    amount > 0 ? (
                      <div
                        key={bucket}
                        style={{ width: `${(amount / total) * 100}%`, backgroundColor: BAR_COLOURS[bucket] }}
                      />
                    ) : null,
                  )}
              </div>
              {open && (
                <ul className={styles.list}>
                  {series.buckets.map(({ bucket, amount, count }) => {
                    const label = t.agingBucket(bucket);
                    return (
                      <li
                        key={bucket}
                        className={styles.row}
                        data-testid="aging-bar"
                        aria-label={t.agingBarLabel(label, money(amount), count)}
                      >
                        <Text size={200}>{label}</Text>
                        <div className={styles.track} aria-hidden="true">
                          {amount > 0 && (
                            <div
                              className={styles.bar}
                              style={{
                                width: `${(amount / largest) * 100}%`,
                                backgroundColor: BAR_COLOURS[bucket],
                              }}
                            />
                          )}
                        </div>
                        <Text size={200} className={styles.amount}>
                          {money(amount)}
                        </Text>
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
