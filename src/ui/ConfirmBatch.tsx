/**
 * The confirmation before a batch: how many e-mails, to how many customers, with how many PDFs and how
 * big they are (measured while the dialog is open: see attachment-sizes.ts; a size not known is said to
 * be unknown). Loaded when first needed (the Dialog is not part of the first screen).
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatMoney } from '../domain/money';
import { DEFAULT_MESSAGES_PER_MINUTE, sendDurationMs } from '../domain/send-duration';
import { describeAttachmentSize, measureAttachments, type AttachmentTotals } from './attachment-sizes';
import { formatCount, messagesFor, type UiLanguage } from './i18n';
import type { AttachmentInfo, BatchSummary } from './model';
import { isMassSend } from './batch-summary';
import { useReturnFocus } from './use-return-focus';

export interface ConfirmBatchProps {
  readonly summary: BatchSummary | undefined;
  readonly onConfirm: (summary: BatchSummary) => void;
  readonly onCancel: () => void;
  /** An e-mail's attachments with their sizes (`PaneActions.loadAttachments`); without it, sizes are unknown. */
  readonly loadAttachments?: (key: string) => Promise<readonly AttachmentInfo[]>;
  readonly language: UiLanguage;
}

/** The totals of the summary's PDFs, updated as they are measured; undefined until the first answer. */
function useAttachmentTotals(
  summary: BatchSummary | undefined,
  load: ((key: string) => Promise<readonly AttachmentInfo[]>) | undefined,
): AttachmentTotals | undefined {
  const [totals, setTotals] = useState<{ for: BatchSummary; totals: AttachmentTotals } | undefined>();
  useEffect(() => {
    if (summary === undefined || summary.mode === 'handled' || summary.attachments === 0) return;
    const unknown = { count: summary.attachments, knownBytes: 0, unknown: summary.attachments, missing: 0 };
    if (load === undefined) {
      setTotals({ for: summary, totals: unknown });
      return;
    }
    let cancelled = false;
    const report = (next: AttachmentTotals) => {
      if (!cancelled) setTotals({ for: summary, totals: next });
    };
    measureAttachments(summary.keys, summary.attachments, load, report, () => cancelled).then(report, () =>
      report(unknown),
    );
    return () => {
      cancelled = true;
    };
  }, [summary, load]);
  return totals !== undefined && totals.for === summary ? totals.totals : undefined;
}

/** "Create 12 drafts for 10 customers, with 15 PDFs?" — nothing starts without it. */
export function ConfirmBatch({ summary, onConfirm, onCancel, loadAttachments, language }: ConfirmBatchProps) {
  const t = messagesFor(language);
  const totals = useAttachmentTotals(summary, loadAttachments);
  useReturnFocus(summary !== undefined);
  const mass = summary !== undefined && isMassSend(summary.mode, summary.emails);
  const cancel = <Button onClick={onCancel}>{t.cancel}</Button>;
  return (
    <Dialog
      open={summary !== undefined}
      onOpenChange={(_, data) => !data.open && onCancel()}
      modalType="alert"
    >
      <DialogSurface>
        {summary !== undefined && (
          <DialogBody>
            <DialogTitle>{t.confirmTitle(summary.mode)}</DialogTitle>
            <DialogContent data-testid="confirm-body">
              <p>
                {t.confirmBody(
                  summary.mode,
                  formatCount(summary.emails, language),
                  t.customersCount(summary.customers),
                )}
              </p>
              {summary.mode !== 'handled' && (
                <p data-testid="confirm-attachments" aria-live="polite">
                  {summary.attachments > 0
                    ? t.confirmAttachments(
                        summary.attachments,
                        totals !== undefined ? describeAttachmentSize(totals, language) : undefined,
                      )
                    : t.confirmNoAttachments}
                </p>
              )}
              {summary.mode !== 'handled' && totals !== undefined && totals.missing > 0 && (
                <p>{t.confirmMissingPdfs(totals.missing)}</p>
              )}
              {summary.mode === 'handled' && <p>{t.confirmHandledNote}</p>}
              {summary.totals.length > 0 && (
                <p data-testid="confirm-amount">
                  {t.confirmAmount(
                    summary.totals
                      .map(({ amount, currency }) => formatMoney(amount, currency, language))
                      .join(' + '),
                  )}
                </p>
              )}
              {summary.mode === 'send' && (
                <p data-testid="confirm-duration">
                  {t.confirmDuration(
                    Math.ceil(sendDurationMs(summary.emails) / 60_000),
                    DEFAULT_MESSAGES_PER_MINUTE,
                  )}
                </p>
              )}
            </DialogContent>
            <DialogActions>
              {/* A mass send is never one Enter away: Cancel comes first, so the dialog focuses it on opening. */}
              {mass && cancel}
              <Button appearance="primary" onClick={() => onConfirm(summary)}>
                {mass ? t.sendCount(formatCount(summary.emails, language)) : t.confirmButton(summary.mode)}
              </Button>
              {!mass && cancel}
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
