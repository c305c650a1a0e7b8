/**
 * "Not sent, and why": the items that would be due but cannot be reminded, each with its reason; and the
 * claims held by other users (items being drafted or sent elsewhere), with who and since when. Both are
 * collapsed at first, so the list of reminders stays near the top.
 */
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { formatCalendarDate } from '../domain/calendar';
import { formatMoney, type Cents } from '../domain/money';
import { formatInstant, messagesFor, type UiLanguage } from './i18n';
import type { ClaimCheck, ClaimRow, SkippedRow } from './model';

/** Rows rendered at a time: the list is not virtualized, so a huge one grows by pages. */
const PAGE = 200;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  row: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  line: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  amount: { flexShrink: 0, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  reason: { color: tokens.colorNeutralForeground2 },
});

function Collapsible({
  title,
  count,
  language,
  onOpen,
  children,
}: {
  title: string;
  count: number;
  language: UiLanguage;
  onOpen?: () => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <div className={styles.header}>
        <Text as="h2" id={headingId} weight="semibold" size={300}>
          {title} ({count})
        </Text>
        {count > 0 && (
          <Button
            appearance="subtle"
            size="small"
            aria-expanded={open}
            aria-controls={regionId}
            onClick={() => {
              if (!open) onOpen?.();
              setOpen(!open);
            }}
          >
            {open ? t.hideSkipped : t.showSkipped}
          </Button>
        )}
      </div>
      <div id={regionId} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}

export interface SkippedListProps {
  readonly count: number;
  /** The rows, asked for when the list is first opened (they stay where the plan was made until then). */
  readonly load: () => Promise<readonly SkippedRow[]>;
  /** The plan the rows belong to: a new one drops the rows loaded for the old. */
  readonly plan: object;
  /** The setup's minimum amount, shown (in each item's currency) beside `below_minimum`. */
  readonly minimumAmount: Cents;
  readonly language: UiLanguage;
}

export function SkippedList({ count, load, plan, minimumAmount, language }: SkippedListProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [shown, setShown] = useState(PAGE);
  const [skipped, setSkipped] = useState<readonly SkippedRow[] | undefined>();
  const [loadedFor, setLoadedFor] = useState<object | undefined>();
  const rows = loadedFor === plan ? skipped : undefined;
  const fetchRows = (): void => {
    const asked = plan;
    load().then(
      (loaded) => {
        setSkipped(loaded);
        setLoadedFor(asked);
      },
      () => {
        setSkipped([]);
        setLoadedFor(asked);
      },
    );
  };
  // The list is open and a new plan arrived: load its rows.
  useEffect(() => {
    if (skipped !== undefined && loadedFor !== plan) fetchRows();
    // Only when the plan changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan]);
  return (
    <Collapsible title={t.skippedHeading} count={count} language={language} onOpen={fetchRows}>
      {rows === undefined && <Spinner size="tiny" label={t.loading} />}
      {rows !== undefined && (
        <ul className={styles.list}>
          {rows.slice(0, shown).map((row) => {
            const currency = row.currency ?? 'EUR';
            return (
              <li key={row.itemId} className={styles.row} data-testid="skipped-row">
                <div className={styles.line}>
                  <Text className={styles.name}>{row.customerName}</Text>
                  {row.residual !== undefined && (
                    <Text className={styles.amount}>{formatMoney(row.residual, currency, language)}</Text>
                  )}
                </div>
                <Text size={200} className={styles.reason}>
                  {t.skipReason(row.reason, formatMoney(minimumAmount, currency, language))}
                </Text>
                <Text size={200} className={styles.muted}>
                  {row.documentNumber !== undefined && row.dueDate !== undefined
                    ? `${row.documentNumber} · ${t.dueOn(formatCalendarDate(row.dueDate, language))}`
                    : row.itemId}
                </Text>
              </li>
            );
          })}
        </ul>
      )}
      {rows !== undefined && rows.length > shown && (
        <Button appearance="subtle" onClick={() => setShown(shown + PAGE)}>
          {t.showSkipped} (+{Math.min(PAGE, rows.length - shown)})
        </Button>
      )}
    </Collapsible>
  );
}

export interface ClaimsListProps {
  readonly claims: readonly ClaimRow[];
  /** Administrators may release a stale claim of anyone; owners their own. */
  readonly canRelease: (claim: ClaimRow) => boolean;
  readonly onRelease: (key: string) => Promise<void>;
  /** For a claim of mine whose send here is unresolved (no Release then): resolve it by looking. */
  readonly onCheck: (key: string) => Promise<ClaimCheck>;
  readonly language: UiLanguage;
}

export function ClaimsList({ claims, canRelease, onRelease, onCheck, language }: ClaimsListProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [busy, setBusy] = useState<string | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [checked, setChecked] = useState<
    { readonly key: string; readonly outcome: ClaimCheck } | undefined
  >();
  /** Runs one row's action: the row is busy meanwhile, and says so if it failed. */
  const act = (key: string, action: () => Promise<void>): void => {
    setBusy(key);
    setFailed(undefined);
    setChecked(undefined);
    action().then(
      () => setBusy(undefined),
      () => {
        setBusy(undefined);
        setFailed(key);
      },
    );
  };
  // The row goes once resolved (confirmed or released): what the check found stays said below the list.
  if (claims.length === 0 && checked === undefined) return null;
  return (
    <Collapsible title={t.claimsHeading} count={claims.length} language={language}>
      {checked !== undefined && (
        <Text size={200} role="status" data-testid="claim-check-outcome">
          {t.checkMailboxOutcome(checked.outcome)}
        </Text>
      )}
      <ul className={styles.list}>
        {claims.map((claim) => {
          const since = formatInstant(claim.since, language);
          const names = [
            ...new Set(claim.items.map((item) => item.customerName ?? t.unknownCustomer(item.itemId))),
          ].join(', ');
          const documents = claim.items.map((item) => item.documentNumber ?? item.itemId).join(', ');
          return (
            <li key={claim.key} className={styles.row} data-testid="claim-row">
              <div className={styles.line}>
                <Text className={styles.name}>{names}</Text>
                <Text size={200} className={styles.muted}>
                  {claim.levelName}
                </Text>
              </div>
              <Text size={200} className={styles.reason}>
                {claim.mine ? t.claimMine(since) : t.claimHeldBy(claim.owner, since)}
              </Text>
              <Text size={200} className={styles.muted}>
                {documents}
              </Text>
              {claim.mine && claim.unresolvedHere && (
                <ClaimAction
                  label={t.checkMailbox}
                  failedLabel={t.checkMailboxFailed}
                  busy={busy === claim.key}
                  failed={failed === claim.key}
                  onClick={() =>
                    act(claim.key, async () =>
                      setChecked({ key: claim.key, outcome: await onCheck(claim.key) }),
                    )
                  }
                />
              )}
              {!claim.unresolvedHere && canRelease(claim) && (
                <ClaimAction
                  label={t.releaseClaim}
                  failedLabel={t.releaseClaimFailed}
                  busy={busy === claim.key}
                  failed={failed === claim.key}
                  onClick={() => act(claim.key, () => onRelease(claim.key))}
                />
              )}
            </li>
          );
        })}
      </ul>
    </Collapsible>
  );
}

interface ClaimActionProps {
  readonly label: string;
  readonly failedLabel: string;
  readonly busy: boolean;
  readonly failed: boolean;
  readonly onClick: () => void;
}

/** A claim row's button ("Rilascia" or "Controlla la casella") and, when it failed, the sentence saying so. */
function ClaimAction({ label, failedLabel, busy, failed, onClick }: ClaimActionProps) {
  const styles = useStyles();
  return (
    <div>
      <Button size="small" disabled={busy} onClick={onClick}>
        {label}
      </Button>
      {failed && (
        <Text size={200} role="alert" className={styles.reason}>
          {' '}
          {failedLabel}
        </Text>
      )}
    </div>
  );
}
