/**
 * The actions over the list — create drafts (the default), send, mark as handled, send a test to myself —
 * for the selection or, when nothing is selected, everything visible; the confirmation that says how many
 * e-mails, customers and attachments (ConfirmBatch.tsx); and the running batch with its progress,
 * failures and retry.
 */
import {
  Button,
  Checkbox,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import { formatCount, messagesFor, type UiLanguage } from './i18n';
import { isMassSend } from './batch-summary';
import { buttonRow, spreadLine } from './layout-styles';
import type { BatchMode, BatchView, MailAvailability } from './model';

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} 0`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: spreadLine,
  buttons: buttonRow,
  muted: { color: tokens.colorNeutralForeground3 },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    fontVariantNumeric: 'tabular-nums',
  },
  failures: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  failed: { color: tokens.colorPaletteRedForeground1 },
  attention: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** The ending a batch of each mode is for. */
const MODE_ENDING = { draft: 'drafted', send: 'sent', handled: 'handled' } as const;

export type ActionKind = BatchMode | 'test';

export interface ActionBarProps {
  /** Rows in view that can be acted on (not left out, not held by another user). */
  readonly actionableCount: number;
  readonly selectedCount: number;
  readonly onSelectAll: (selected: boolean) => void;
  /** The user may draft, send and mark (else the read-only banner says why). */
  readonly mayAct: boolean;
  readonly mail: MailAvailability;
  readonly busy: boolean;
  readonly onAction: (kind: ActionKind) => void;
  readonly language: UiLanguage;
}

export function ActionBar({
  actionableCount,
  selectedCount,
  onSelectAll,
  mayAct,
  mail,
  busy,
  onAction,
  language,
}: ActionBarProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const scopeCount = selectedCount > 0 ? selectedCount : actionableCount;
  const disabled = !mayAct || !mail.available || busy || scopeCount === 0;
  const allSelected = actionableCount > 0 && selectedCount === actionableCount;
  return (
    <div className={styles.bar} data-testid="action-bar">
      {mayAct && (
        <div className={styles.line}>
          <Checkbox
            label={t.selectAllVisible}
            checked={allSelected ? true : selectedCount > 0 ? 'mixed' : false}
            disabled={actionableCount === 0}
            onChange={(_, data) =>
              onSelectAll(data.checked === true || (data.checked === 'mixed' && !allSelected))
            }
          />
          {selectedCount > 0 && (
            <Text size={200} className={styles.muted}>
              {t.selectedCount(selectedCount)}
            </Text>
          )}
        </div>
      )}
      <div className={styles.buttons}>
        {/* Focusable when unavailable: the focus given back after the confirmation stays on it while
            the batch runs (a disabled button drops it to the page's body), and it can be found by Tab. */}
        <Button appearance="primary" disabledFocusable={disabled} onClick={() => onAction('draft')}>
          {t.createDrafts}
        </Button>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button disabledFocusable={disabled}>{t.moreActions}</Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => onAction('send')}>
                {isMassSend('send', scopeCount) ? t.sendCount(formatCount(scopeCount, language)) : t.send}
              </MenuItem>
              <MenuItem onClick={() => onAction('handled')}>{t.markHandled}</MenuItem>
              <MenuItem disabled={scopeCount !== 1} onClick={() => onAction('test')}>
                {t.sendToMe}
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </div>
      <Text size={200} className={styles.muted} data-testid="action-scope">
        {!mayAct
          ? t.readOnlyActions
          : scopeCount === 0
            ? t.nothingToAct
            : selectedCount > 0
              ? t.scopeSelected(selectedCount)
              : t.scopeVisible(actionableCount)}
      </Text>
    </div>
  );
}

/** Said once above the actions (not in the sticky bar): why the buttons are off when the mail side is not there. */
export function MailUnavailableNote({
  mail,
  language,
}: {
  readonly mail: MailAvailability;
  readonly language: UiLanguage;
}) {
  const t = messagesFor(language);
  if (mail.available) return null;
  return (
    <MessageBar intent="info" layout="multiline" data-testid="mail-unavailable">
      <MessageBarBody>
        {mail.reason === 'failed' ? t.mailFailed : t.mailUnavailable}
        {mail.detail !== undefined && ` (${mail.detail})`}
      </MessageBarBody>
    </MessageBar>
  );
}

export interface BatchPanelProps {
  readonly batch: BatchView;
  readonly inOutlook: boolean;
  readonly onCancel: () => void;
  readonly onResume: () => void;
  readonly onRetry: () => void;
  readonly onDismiss: () => void;
  readonly onOpenDraft: (messageId: string) => void;
  readonly language: UiLanguage;
}

/** The running (or last) batch: progress, counts, time left, failures with their reasons. */
export function BatchPanel({
  batch,
  inOutlook,
  onCancel,
  onResume,
  onRetry,
  onDismiss,
  onOpenDraft,
  language,
}: BatchPanelProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const { counts } = batch;
  const done = batch.total - batch.remaining;
  const running = batch.state === 'running' || batch.state === 'paused';
  const count = (value: number) => formatCount(value, language);
  const main = MODE_ENDING[batch.mode];
  // Every other way a job ended, when it happened (a draft sent from Outlook meanwhile, a cancel…).
  const others = (['sent', 'drafted', 'handled', 'cancelled'] as const).filter(
    (ending) => ending !== main && counts[ending] > 0,
  );
  const troubled = counts.failed > 0 || counts.attention > 0;
  return (
    <section className={styles.panel} aria-label={t.batchTitle(batch.mode)} data-testid="batch-panel">
      <div className={styles.line}>
        <Text weight="semibold">{t.batchTitle(batch.mode)}</Text>
        <Text size={200} className={styles.muted}>
          {t.batchState(batch.state)}
        </Text>
      </div>
      <ProgressBar
        value={batch.total > 0 ? done / batch.total : 0}
        color={troubled ? 'warning' : batch.state === 'done' ? 'success' : 'brand'}
        aria-label={t.batchProgressLabel(count(done), count(batch.total))}
        thickness="large"
      />
      <div className={styles.counts} role="status">
        <Text size={200}>{t.batchEnded(main, count(counts[main]))}</Text>
        {others.map((ending) => (
          <Text key={ending} size={200}>
            {t.batchEnded(ending, count(counts[ending]))}
          </Text>
        ))}
        <Text size={200} className={counts.failed > 0 ? styles.failed : undefined}>
          {t.batchFailed(count(counts.failed))}
        </Text>
        {counts.attention > 0 && (
          <Text size={200} weight="semibold" className={styles.attention} data-testid="batch-attention-count">
            {t.batchAttention(count(counts.attention))}
          </Text>
        )}
        <Text size={200}>{t.batchRemaining(count(batch.remaining))}</Text>
        {running && batch.remaining > 0 && batch.unreachable === true && (
          <Text size={200}>{t.etaUnreachable}</Text>
        )}
        {running && batch.remaining > 0 && batch.unreachable !== true && batch.etaMs !== undefined && (
          <Text size={200}>{t.eta(Math.ceil(batch.etaMs / 60_000))}</Text>
        )}
      </div>
      {batch.attention.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="batch-attention">
          <MessageBarBody>
            <MessageBarTitle>{t.attentionHeading}</MessageBarTitle>
            <ul className={styles.failures}>
              {batch.attention.map((item) => (
                <li key={item.key}>
                  <Text size={200}>
                    {item.customerName}: {t.failureReason(item.reason)}
                    {item.detail !== undefined ? ` (${item.detail})` : ''}
                  </Text>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {batch.stop !== undefined && (
        <MessageBar intent="warning" layout="multiline" data-testid="batch-stop">
          <MessageBarBody>
            {t.stopReason(batch.stop.reason, batch.stop.message)}
            <details>
              <summary>{t.details}</summary>
              {batch.stop.message}
            </details>
          </MessageBarBody>
        </MessageBar>
      )}
      {batch.failures.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.failuresHeading}</MessageBarTitle>
            <ul className={styles.failures}>
              {batch.failures.map((failure) => (
                <li key={failure.key}>
                  <Text size={200}>
                    {failure.customerName}: {t.failureReason(failure.reason)}
                    {failure.detail !== undefined ? ` (${failure.detail})` : ''}
                  </Text>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {inOutlook && batch.mode === 'draft' && batch.drafts.length > 0 && (
        <details>
          <summary>
            {t.draftsCreated} ({count(batch.drafts.length)})
          </summary>
          <ul className={styles.failures}>
            {batch.drafts.map((draft) => (
              <li key={draft.key}>
                <Button size="small" appearance="transparent" onClick={() => onOpenDraft(draft.messageId)}>
                  {t.openDraft}: {draft.customerName}
                </Button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className={styles.buttons}>
        {batch.state === 'paused' && (
          <Button appearance="primary" onClick={onResume}>
            {t.resumeBatch}
          </Button>
        )}
        {running && <Button onClick={onCancel}>{t.stopBatch}</Button>}
        {!running && counts.failed > 0 && (
          <Button appearance="primary" onClick={onRetry}>
            {t.retryFailed}
          </Button>
        )}
        {!running && <Button onClick={onDismiss}>{t.close}</Button>}
      </div>
    </section>
  );
}
