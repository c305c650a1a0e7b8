/**
 * The home view: today's reminders. Read-only banner, running batch, aging, the items left out and the
 * claims held by others, the filters, the actions for the selection (or everything visible), the list,
 * and the preview. Holds only view state (selection, preview, confirmation); data and use-cases come in
 * as props.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { ActionBar, BatchPanel, MailUnavailableNote, type ActionKind } from './Actions';
import { AgingChart } from './AgingChart';
import { FilterBar } from './FilterBar';
import { applyFilters, NO_FILTERS } from './filters';
import { messagesFor, type UiLanguage } from './i18n';
import type { BatchSummary, PaneActions, PaneState, PlanSnapshot, ReminderRow } from './model';
import { isActionable, ReminderList } from './ReminderList';
import { totalsByCurrency } from './batch-summary';
import { ClaimsList, SkippedList } from './SkippedList';
import { messageOf } from '../domain/message-of';

// Opened on demand: loaded on the first click (and fetched ahead once the list is on screen).
const loadPreview = () => import('./PreviewPanel');
const loadConfirm = () => import('./ConfirmBatch');
const PreviewPanel = lazy(() => loadPreview().then((module) => ({ default: module.PreviewPanel })));
const ConfirmBatch = lazy(() => loadConfirm().then((module) => ({ default: module.ConfirmBatch })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  sectionHeader: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  counts: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  details: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} 0`,
  },
});

/** True from the first render where `now` is true on. */
function useUsedOnce(now: boolean): boolean {
  const [used, setUsed] = useState(now);
  if (now && !used) setUsed(true);
  return used || now;
}

export interface HomeViewProps {
  readonly state: PaneState;
  readonly actions: PaneActions;
  readonly language: UiLanguage;
}

/** The read-only banner: one sentence saying why, and who can change it. */
export function ReadOnlyBanner({
  state,
  language,
}: {
  readonly state: PaneState;
  readonly language: UiLanguage;
}) {
  const t = messagesFor(language);
  const refusal = state.session.refusal;
  if (refusal === null || state.plan.kind !== 'planned') return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="read-only-banner">
      <MessageBarBody>
        <MessageBarTitle>{t.readOnlyTitle}</MessageBarTitle>
        {refusal.reason === 'not_enabled'
          ? t.notEnabled(refusal.account, refusal.administrators)
          : t.notSignedIn}
      </MessageBarBody>
    </MessageBar>
  );
}

export function HomeView({ state, actions, language }: HomeViewProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  // A new plan (tens of thousands of rows) renders in the background, in slices: the pane stays responsive.
  const plan = useDeferredValue(state.plan);

  if (plan.kind === 'loading') return <Spinner size="small" label={t.planning} />;
  if (plan.kind === 'empty') {
    return (
      <div className={styles.empty}>
        {state.sync.phase === 'failed' ? (
          <Text>{t.emptyCacheFailed}</Text>
        ) : (
          <Spinner size="small" label={t.emptyCache} />
        )}
      </div>
    );
  }
  if (plan.kind === 'invalid_setup' || plan.kind === 'failed') {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{plan.kind === 'invalid_setup' ? t.invalidSetup : t.loadFailed}</MessageBarTitle>
          {plan.kind === 'invalid_setup' ? t.invalidSetupHint : null}
          <ul className={styles.details}>
            {plan.kind === 'invalid_setup' ? (
              plan.problems.map((problem) => (
                <li key={`${problem.path}|${problem.message}`}>{t.setupProblem(problem)}</li>
              ))
            ) : (
              <li>{plan.detail}</li>
            )}
          </ul>
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <PlannedHome state={state} snapshot={plan.snapshot} actions={actions} language={language} />;
}

function PlannedHome({
  state,
  snapshot,
  actions,
  language,
}: {
  state: PaneState;
  snapshot: PlanSnapshot;
  actions: PaneActions;
  language: UiLanguage;
}) {
  const styles = useStyles();
  const t = messagesFor(language);
  const mayAct = state.session.refusal === null;
  // The list shown is the last plan made today (kept from the last opening, or before a sync): a fresher one is coming.
  const replanning = state.plan.kind === 'planned' && state.plan.replanning;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [previewKey, setPreviewKey] = useState<string | undefined>();
  const [confirm, setConfirm] = useState<BatchSummary | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ intent: 'error' | 'info'; text: string } | undefined>();
  // Mounted from their first use on (so they can animate closed), loaded ahead a moment after the list shows.
  const previewUsed = useUsedOnce(previewKey !== undefined);
  const confirmUsed = useUsedOnce(confirm !== undefined);
  useEffect(() => {
    const timer = setTimeout(() => {
      loadPreview().catch(() => undefined);
      loadConfirm().catch(() => undefined);
    }, 1500);
    return () => clearTimeout(timer);
  }, []);

  // Filtering 10 000 rows on every keystroke is cheap, but rendering may not be: let typing win.
  const filters = useDeferredValue(state.filters);
  const visible = useMemo(() => applyFilters(snapshot.rows, filters), [snapshot.rows, filters]);

  const actionable = useMemo(
    () => visible.filter((row) => isActionable(row, state.excluded)),
    [visible, state.excluded],
  );

  // A new plan may drop rows (sent, paid): the selection keeps only rows that still exist.
  useEffect(() => {
    setSelected((previous) => {
      if (previous.size === 0) return previous;
      const keys = new Set(snapshot.rows.map((row) => row.key));
      const kept = [...previous].filter((key) => keys.has(key));
      return kept.length === previous.size ? previous : new Set(kept);
    });
  }, [snapshot.rows]);

  const selectedVisible = useMemo(
    () => actionable.filter((row) => selected.has(row.key)),
    [actionable, selected],
  );
  const scope: readonly ReminderRow[] = selectedVisible.length > 0 ? selectedVisible : actionable;

  const toggle = useCallback((key: string, on: boolean) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  const onAction = (kind: ActionKind): void => {
    setNotice(undefined);
    if (kind === 'test') {
      const only = scope[0];
      if (scope.length !== 1 || only === undefined) {
        setNotice({ intent: 'info', text: t.sendToMeNeedsOne });
        return;
      }
      setBusy(true);
      actions
        .testSend(only.key)
        .then(
          () => setNotice({ intent: 'info', text: t.testSent(state.session.user) }),
          (error: unknown) =>
            setNotice({
              intent: 'error',
              text: t.actionFailed(messageOf(error)),
            }),
        )
        .finally(() => setBusy(false));
      return;
    }
    setConfirm({
      mode: kind,
      keys: scope.map((row) => row.key),
      emails: scope.length,
      customers: new Set(scope.map((row) => row.customerId)).size,
      attachments: scope.reduce((sum, row) => sum + row.attachmentCount, 0),
      totals: totalsByCurrency(scope),
    });
  };

  const start = (summary: BatchSummary): void => {
    setConfirm(undefined);
    setBusy(true);
    actions
      .startBatch(summary.mode, summary.keys)
      .then(
        () => setSelected(new Set()),
        (error: unknown) =>
          setNotice({
            intent: 'error',
            text: t.actionFailed(messageOf(error)),
          }),
      )
      .finally(() => setBusy(false));
  };

  const levels = snapshot.setup.levels.map((level) => ({ id: level.id, name: level.name }));
  const running = state.batch?.state === 'running';

  return (
    <div className={styles.root}>
      <ReadOnlyBanner state={state} language={language} />
      {state.batch !== undefined && (
        <BatchPanel
          batch={state.batch}
          inOutlook={state.session.inOutlook}
          onCancel={() =>
            void actions
              .cancelBatch()
              .catch((error: unknown) => setNotice({ intent: 'error', text: t.actionFailed(String(error)) }))
          }
          onResume={() =>
            void actions
              .resumeBatch()
              .catch((error: unknown) => setNotice({ intent: 'error', text: t.actionFailed(String(error)) }))
          }
          onRetry={() =>
            void actions
              .retryFailed()
              .catch((error: unknown) => setNotice({ intent: 'error', text: t.actionFailed(String(error)) }))
          }
          onDismiss={actions.dismissBatch}
          onOpenDraft={(id) =>
            void actions
              .openMessage(id)
              .catch((error: unknown) => setNotice({ intent: 'error', text: t.actionFailed(String(error)) }))
          }
          language={language}
        />
      )}
      <AgingChart aging={snapshot.aging} language={language} />
      <SkippedList
        count={snapshot.skippedCount}
        load={actions.loadSkipped}
        plan={snapshot}
        minimumAmount={snapshot.setup.minimumAmount}
        language={language}
      />
      <ClaimsList
        claims={snapshot.claims}
        canRelease={(claim) => !claim.unresolvedHere && (claim.mine || state.session.isAdministrator)}
        onRelease={actions.releaseClaim}
        onCheck={actions.checkClaim}
        language={language}
      />
      <section aria-labelledby="due-today" className={styles.root}>
        <div className={styles.sectionHeader}>
          <Text as="h2" id="due-today" size={400} weight="semibold">
            {t.dueTodayHeading}
          </Text>
          <div className={styles.counts}>
            {replanning && <Spinner size="extra-tiny" label={t.updatingList} data-testid="replanning" />}
            <Text size={200} className={styles.muted} data-testid="row-count">
              {visible.length === snapshot.rows.length
                ? t.remindersCount(snapshot.rows.length)
                : t.visibleOf(visible.length, snapshot.rows.length)}
            </Text>
          </div>
        </div>
        <FilterBar
          filters={state.filters}
          onChange={actions.setFilters}
          rows={snapshot.rows}
          agents={snapshot.agents}
          levels={levels}
          currency={snapshot.aging[0]?.currency ?? 'EUR'}
          language={language}
        />
        {mayAct && <MailUnavailableNote mail={state.mail} language={language} />}
        <ActionBar
          actionableCount={actionable.length}
          selectedCount={selectedVisible.length}
          onSelectAll={(on) => setSelected(on ? new Set(actionable.map((row) => row.key)) : new Set())}
          mayAct={mayAct}
          mail={state.mail}
          busy={busy || running}
          onAction={onAction}
          language={language}
        />
        {notice !== undefined && (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
        {snapshot.rows.length === 0 ? (
          <Text className={styles.muted}>{t.noReminders}</Text>
        ) : visible.length === 0 ? (
          <div className={styles.empty}>
            <Text className={styles.muted}>{t.noMatches}</Text>
            <Button onClick={() => actions.setFilters(NO_FILTERS)}>{t.clearFilters}</Button>
          </div>
        ) : (
          <ReminderList
            rows={visible}
            selected={selected}
            excluded={state.excluded}
            selectable={mayAct}
            onToggle={toggle}
            onOpen={setPreviewKey}
            language={language}
          />
        )}
      </section>
      {previewUsed && (
        <Suspense fallback={null}>
          <PreviewPanel
            previewKey={previewKey}
            loadDetail={actions.loadDetail}
            loadAttachments={actions.loadAttachments}
            excluded={previewKey !== undefined && state.excluded.has(previewKey)}
            onExclude={actions.setExcluded}
            onTestSend={mayAct && state.mail.available ? actions.testSend : undefined}
            onClose={() => setPreviewKey(undefined)}
            selfAddress={state.session.user}
            language={language}
          />
        </Suspense>
      )}
      {confirmUsed && (
        <Suspense fallback={null}>
          <ConfirmBatch
            summary={confirm}
            onConfirm={start}
            onCancel={() => setConfirm(undefined)}
            loadAttachments={actions.loadAttachments}
            language={language}
          />
        </Suspense>
      )}
    </div>
  );
}
