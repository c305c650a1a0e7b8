/**
 * Today's reminders, one row a communication, virtualized against the page's own scroll (the pane scrolls
 * as one page; only the rows near the viewport are in the DOM, so 10 000 rows stay smooth). Props in,
 * callbacks out: no IO, no business rule.
 */
import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatMoney } from '../domain/money';
import { formatInstant, messagesFor, type UiLanguage } from './i18n';
import type { ReminderRow } from './model';

const useStyles = makeStyles({
  list: { position: 'relative', margin: 0, padding: 0, listStyleType: 'none' },
  item: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    paddingBottom: tokens.spacingVerticalXS,
    boxSizing: 'border-box',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalXS,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  rowSelected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  rowMuted: { opacity: 0.72 },
  body: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
    paddingTop: tokens.spacingVerticalXS,
  },
  line: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  name: {
    flexGrow: 1,
    minWidth: 0,
    justifyContent: 'flex-start',
    textAlign: 'left',
    padding: 0,
    minHeight: 'auto',
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
    whiteSpace: 'normal',
    height: 'auto',
  },
  amount: {
    flexShrink: 0,
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    fontWeight: tokens.fontWeightSemibold,
  },
  details: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  overdue: { color: tokens.colorPaletteRedForeground1 },
  claim: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** Badge colour by level kind: the kind is a label for texts and the UI, so the mapping lives here. */
export function levelColor(kind: string): BadgeProps['color'] {
  switch (kind) {
    case 'promemoria':
      return 'brand';
    case 'estratto_conto':
      return 'warning';
    case 'sollecito':
      return 'danger';
    default:
      return 'informative';
  }
}

/** A row's height before any is measured: two lines and the gap below. */
const ESTIMATED_ROW_PX = 62;

/**
 * Row heights for the virtualizer: a row not measured yet is estimated at the height of the shortest row
 * measured at the current width (most rows are that tall). A right estimate matters: every row whose
 * measured height differs from its estimate makes the virtualizer lay out all the rows after it again —
 * with 13 000 rows, most of a scrolling frame. A row measured at 0 px (not laid out yet, or no layout at
 * all as in jsdom) keeps its estimate: counting it as empty would pull in ever more rows.
 */
function useRowHeights(): {
  estimateSize: () => number;
  measureElement: (element: Element) => number;
} {
  // The shortest row measured, and the window width it was measured at (read when measuring only:
  // the estimate is asked for every row not measured yet, on each layout).
  const shortest = useRef<{ width: number; px: number } | undefined>(undefined);
  const current = useRef(ESTIMATED_ROW_PX);
  return useMemo(
    () => ({
      estimateSize: () => current.current,
      measureElement: (element) => {
        const px = element.getBoundingClientRect().height;
        if (px <= 0) return current.current;
        const width = window.innerWidth;
        const known = shortest.current;
        if (known === undefined || known.width !== width || px < known.px) {
          shortest.current = { width, px };
          current.current = px;
        }
        return px;
      },
    }),
    [],
  );
}

export interface ReminderListProps {
  /** The rows to show, in order (already filtered). */
  readonly rows: readonly ReminderRow[];
  readonly selected: ReadonlySet<string>;
  readonly excluded: ReadonlySet<string>;
  /** False for a read-only user: no checkboxes. */
  readonly selectable: boolean;
  readonly onToggle: (key: string, selected: boolean) => void;
  readonly onOpen: (key: string) => void;
  readonly language: UiLanguage;
  /** Rows rendered beyond the viewport; tests raise it to see every row. */
  readonly overscan?: number;
}

/** Whether a row can be selected and acted on: not left out today, not held by someone else. */
export const isActionable = (row: ReminderRow, excluded: ReadonlySet<string>): boolean =>
  !excluded.has(row.key) && row.claimedBy === undefined;

export function ReminderList({
  rows,
  selected,
  excluded,
  selectable,
  onToggle,
  onOpen,
  language,
  overscan = 6,
}: ReminderListProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // The list starts below the header, banners and filters: the virtualizer needs that offset, which
  // changes whenever something above it opens or closes.
  useLayoutEffect(() => {
    const measure = () => {
      const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setScrollMargin((previous) => (Math.abs(previous - top) > 0.5 ? top : previous));
    };
    measure();
    const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : undefined;
    observer?.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);

  // Stable while the rows are: a new key function makes the virtualizer lay out every row again, on each
  // render — with 13 000 rows, most of a scrolling frame.
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const { estimateSize, measureElement } = useRowHeights();
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize,
    measureElement,
    overscan,
    scrollMargin,
    getItemKey,
  });

  return (
    <ul
      ref={listRef}
      className={styles.list}
      style={{ height: `${virtualizer.getTotalSize()}px` }}
      aria-label={t.dueTodayHeading}
    >
      {virtualizer.getVirtualItems().map((virtual) => {
        const row = rows[virtual.index];
        if (row === undefined) return null;
        const isExcluded = excluded.has(row.key);
        const actionable = isActionable(row, excluded);
        const isSelected = selected.has(row.key);
        return (
          <li
            key={virtual.key}
            data-index={virtual.index}
            ref={virtualizer.measureElement}
            className={styles.item}
            style={{ transform: `translateY(${virtual.start - virtualizer.options.scrollMargin}px)` }}
            aria-setsize={rows.length}
            aria-posinset={virtual.index + 1}
            data-testid="reminder-row"
          >
            <div
              className={mergeClasses(
                styles.row,
                isSelected && styles.rowSelected,
                !actionable && styles.rowMuted,
              )}
              onClick={() => onOpen(row.key)}
            >
              {selectable ? (
                <Checkbox
                  checked={isSelected}
                  disabled={!actionable}
                  aria-label={t.selectRow(row.customerName)}
                  onClick={(event) => event.stopPropagation()}
                  onChange={(_, data) => onToggle(row.key, data.checked === true)}
                />
              ) : (
                <span style={{ width: tokens.spacingHorizontalS }} />
              )}
              <div className={styles.body}>
                <div className={styles.line}>
                  <Button
                    appearance="transparent"
                    className={styles.name}
                    aria-label={t.openPreview(row.customerName)}
                    onClick={(event) => {
                      event.stopPropagation();
                      onOpen(row.key);
                    }}
                  >
                    {row.customerName}
                  </Button>
                  <Text className={styles.amount}>{formatMoney(row.total, row.currency, language)}</Text>
                </div>
                <div className={styles.details}>
                  <Badge appearance="tint" color={levelColor(row.levelKind)}>
                    {row.levelName}
                  </Badge>
                  {row.cycle > 0 && (
                    <Badge appearance="outline" color={levelColor(row.levelKind)}>
                      {t.recurrence(row.cycle)}
                    </Badge>
                  )}
                  {isExcluded && (
                    <Badge appearance="filled" color="subtle">
                      {t.excludedToday}
                    </Badge>
                  )}
                  <Text size={200} className={styles.muted}>
                    {t.itemsCount(row.itemCount)}
                  </Text>
                  <Text size={200} className={row.overdueDays > 0 ? styles.overdue : styles.muted}>
                    {t.overdue(row.overdueDays)}
                  </Text>
                  {row.attachmentCount > 0 && (
                    <Text size={200} className={styles.muted}>
                      {t.attachmentsCount(row.attachmentCount)}
                    </Text>
                  )}
                </div>
                {row.claimedBy !== undefined && (
                  <Text size={200} className={styles.claim}>
                    {t.claimedBy(row.claimedBy.owner, formatInstant(row.claimedBy.since, language))}
                  </Text>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
