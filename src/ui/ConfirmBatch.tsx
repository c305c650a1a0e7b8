/**
 * The confirmation before a batch: how many e-mails, to how many customers, with how many PDFs. Loaded
 * when first needed (the Dialog is not part of the first screen).
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
import { formatCount, messagesFor, type UiLanguage } from './i18n';
import type { BatchSummary } from './model';

export interface ConfirmBatchProps {
  readonly summary: BatchSummary | undefined;
  readonly onConfirm: (summary: BatchSummary) => void;
  readonly onCancel: () => void;
  readonly language: UiLanguage;
}

/** "Create 12 drafts for 10 customers, with 15 PDFs?" — nothing starts without it. */
export function ConfirmBatch({ summary, onConfirm, onCancel, language }: ConfirmBatchProps) {
  const t = messagesFor(language);
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
                <p>
                  {summary.attachments > 0
                    ? t.confirmAttachments(formatCount(summary.attachments, language))
                    : t.confirmNoAttachments}
                </p>
              )}
              {summary.mode === 'handled' && <p>{t.confirmHandledNote}</p>}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => onConfirm(summary)}>
                {t.confirmButton(summary.mode)}
              </Button>
              <Button onClick={onCancel}>{t.cancel}</Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
