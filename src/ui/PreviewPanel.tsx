/**
 * One reminder exactly as the customer will receive it: subject, To, CC, the rendered body (in a sandboxed
 * frame: ERP text never runs as code in the pane), the attachments with their sizes — and a way to leave
 * it out of today's run. The e-mail is rendered by the domain's `renderEmail`, the same function the
 * mailer uses.
 */
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { formatMoney } from '../domain/money';
import { escapeHtml, renderEmail, type RenderedEmail } from '../domain/render-email';
import { describeAttachmentSize, totalAttachments } from './attachment-sizes';
import { formatBytes, messagesFor, type UiLanguage } from './i18n';
import type { AttachmentInfo, CommunicationDetail } from './model';
import { useReturnFocus } from './use-return-focus';
import { messageOf } from '../domain/message-of';

const useStyles = makeStyles({
  // 100% of the viewport without its scrollbar (Fluent's "full" is 100vw, which runs under it).
  drawer: { width: '100%', maxWidth: '100%' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  value: { margin: 0, overflowWrap: 'anywhere' },
  subject: { fontWeight: tokens.fontWeightSemibold },
  frame: {
    width: '100%',
    flexGrow: 1,
    minHeight: '320px',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: '#ffffff',
    resize: 'vertical',
    boxSizing: 'border-box',
  },
  body: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalL,
  },
  attachments: { listStyleType: 'none', margin: 0, padding: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  warning: { color: tokens.colorPaletteRedForeground1 },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

/**
 * The rendered body as a standalone page for the frame: white paper, like a mail client shows it, in the
 * e-mail's language and titled with its subject (what a screen reader announces on entering the frame).
 */
export function emailDocument(rendered: Pick<RenderedEmail, 'html' | 'language' | 'subject'>): string {
  return `<!doctype html><html lang="${escapeHtml(rendered.language)}"><head><meta charset="utf-8"><title>${escapeHtml(rendered.subject)}</title><style>body{margin:12px;background:#fff;color:#201f1e}table{max-width:100%}</style></head><body>${rendered.html}</body></html>`;
}

export interface PreviewPanelProps {
  /** The communication to show; undefined closes the panel. */
  readonly previewKey: string | undefined;
  readonly loadDetail: (key: string) => Promise<CommunicationDetail | undefined>;
  readonly loadAttachments: (key: string) => Promise<readonly AttachmentInfo[]>;
  readonly excluded: boolean;
  readonly onExclude: (key: string, excluded: boolean) => void;
  /** Sends this one to the clerk only; undefined when not allowed (read-only, no mail side). */
  readonly onTestSend: ((key: string) => Promise<void>) | undefined;
  readonly onClose: () => void;
  /** The clerk's own address, where "send to me" goes. */
  readonly selfAddress: string;
  readonly language: UiLanguage;
}

/** The PDFs: listed when few, summed up (count, total size, the missing ones) with the list folded when many. */
function AttachmentList({
  files,
  language,
}: {
  readonly files: readonly AttachmentInfo[];
  readonly language: UiLanguage;
}) {
  const styles = useStyles();
  const t = messagesFor(language);
  const missing = files.filter((file) => file.missing === true);
  const list = (
    <ul className={styles.attachments} data-testid="preview-attachments">
      {files.map((file) => (
        <li key={file.documentId}>
          {file.fileName}{' '}
          {file.missing === true ? (
            <span className={styles.warning}>({t.missingPdf})</span>
          ) : file.size !== undefined ? (
            <span className={styles.muted}>({formatBytes(file.size, language)})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
  if (files.length === 0) return <>{t.noAttachments}</>;
  if (files.length <= 3) return list;
  return (
    <>
      <span data-testid="preview-attachments-summary">
        {t.attachmentsSummary(files.length, describeAttachmentSize(totalAttachments(files), language))}
      </span>
      {missing.length > 0 && (
        <div className={styles.warning}>{t.missingPdfs(missing.map((file) => file.fileName).join(', '))}</div>
      )}
      <details>
        <summary>{t.showList}</summary>
        {list}
      </details>
    </>
  );
}

type Loaded = {
  readonly key: string;
  readonly detail: CommunicationDetail | undefined;
  readonly error?: string;
};

export function PreviewPanel({
  previewKey,
  loadDetail,
  loadAttachments,
  excluded,
  onExclude,
  onTestSend,
  onClose,
  selfAddress,
  language,
}: PreviewPanelProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [attachments, setAttachments] = useState<
    { key: string; list: readonly AttachmentInfo[] } | undefined
  >();
  const [testState, setTestState] = useState<
    { key: string; state: 'sending' | 'sent' | 'failed'; detail?: string } | undefined
  >();

  useEffect(() => {
    if (previewKey === undefined) return;
    let live = true;
    loadDetail(previewKey).then(
      (detail) => live && setLoaded({ key: previewKey, detail }),
      (error: unknown) =>
        live &&
        setLoaded({
          key: previewKey,
          detail: undefined,
          error: messageOf(error),
        }),
    );
    loadAttachments(previewKey).then(
      (list) => live && setAttachments({ key: previewKey, list }),
      () => live && setAttachments({ key: previewKey, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [previewKey, loadDetail, loadAttachments]);

  const current = loaded !== undefined && loaded.key === previewKey ? loaded : undefined;
  const detail = current?.detail;
  const rendered = useMemo(() => {
    if (detail === undefined) return undefined;
    try {
      return renderEmail({
        communication: detail.communication,
        setup: detail.setup,
        customer: detail.customer,
        agents: new Map(detail.agents.map((agent) => [agent.id, agent])),
        today: detail.today,
      });
    } catch (error) {
      console.error('Could not render the preview', error);
      return undefined;
    }
  }, [detail]);
  const files = attachments !== undefined && attachments.key === previewKey ? attachments.list : undefined;
  const expectsAttachments = detail?.setup.attachInvoicePdfs === true;
  const test = testState !== undefined && testState.key === previewKey ? testState : undefined;
  useReturnFocus(previewKey !== undefined);

  return (
    <OverlayDrawer
      open={previewKey !== undefined}
      position="end"
      size="full"
      className={styles.drawer}
      onOpenChange={(_, data) => !data.open && onClose()}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button appearance="subtle" onClick={onClose}>
              {t.close}
            </Button>
          }
        >
          {t.previewTitle}
          {detail !== undefined && `: ${detail.customer.name}`}
        </DrawerHeaderTitle>
      </DrawerHeader>
      {/* Focusable so its content scrolls with the keyboard when it is taller than the pane (axe: scrollable-region-focusable). */}
      <DrawerBody className={styles.body} tabIndex={0} role="region" aria-label={t.previewTitle}>
        {previewKey !== undefined && current === undefined && <Spinner size="small" label={t.loading} />}
        {current !== undefined && detail === undefined && (
          <MessageBar intent="warning">
            <MessageBarBody>{current.error ?? t.previewMissing}</MessageBarBody>
          </MessageBar>
        )}
        {detail !== undefined && rendered !== undefined && (
          <>
            <dl className={styles.fields} data-testid="preview-fields">
              <dt className={styles.term}>{t.subject}</dt>
              <dd className={`${styles.value} ${styles.subject}`} data-testid="preview-subject">
                {rendered.subject}
              </dd>
              <dt className={styles.term}>{t.to}</dt>
              <dd className={styles.value} data-testid="preview-to">
                {detail.communication.to.join(', ')}
              </dd>
              <dt className={styles.term}>{t.cc}</dt>
              <dd className={styles.value} data-testid="preview-cc">
                {detail.communication.cc.length > 0 ? detail.communication.cc.join(', ') : t.none}
              </dd>
              <dt className={styles.term}>{t.attachments}</dt>
              <dd className={styles.value}>
                {!expectsAttachments ? (
                  t.noAttachments
                ) : files === undefined ? (
                  <Spinner size="extra-tiny" label={t.sizeUnknown} />
                ) : (
                  <AttachmentList files={files} language={language} />
                )}
              </dd>
              <dt className={styles.term}>{t.total}</dt>
              <dd className={styles.value}>
                {formatMoney(detail.communication.total, detail.communication.currency, language)}
              </dd>
              {detail.communication.interest !== undefined && (
                <>
                  <dt className={styles.term}>{t.lateInterest}</dt>
                  <dd className={styles.value} data-testid="preview-interest">
                    {formatMoney(detail.communication.interest, detail.communication.currency, language)}
                  </dd>
                </>
              )}
              {detail.communication.indemnity !== undefined && (
                <>
                  <dt className={styles.term}>{t.flatIndemnity}</dt>
                  <dd className={styles.value} data-testid="preview-indemnity">
                    {formatMoney(detail.communication.indemnity, detail.communication.currency, language)}
                  </dd>
                </>
              )}
            </dl>
            {rendered.usedDefaultText && (
              <Text size={200} className={styles.muted}>
                {t.usedDefaultText}
              </Text>
            )}
            {rendered.unknownPlaceholders.length > 0 && (
              <Text size={200} className={styles.warning}>
                {t.unknownPlaceholders(rendered.unknownPlaceholders.join(', '))}
              </Text>
            )}
            {rendered.missingValues.length > 0 && (
              <Text size={200} className={styles.warning}>
                {t.missingValues(rendered.missingValues.map((name) => `%${name}`).join(', '))}
              </Text>
            )}
            {/* sandbox="": no scripts, no forms, no same-origin access, no navigation of the pane. */}
            <iframe
              className={styles.frame}
              title={t.bodyFrameTitle}
              sandbox=""
              srcDoc={emailDocument(rendered)}
              data-testid="preview-frame"
            />
          </>
        )}
      </DrawerBody>
      {previewKey !== undefined && detail !== undefined && (
        <DrawerFooter className={styles.footer}>
          <Button
            appearance={excluded ? 'primary' : 'secondary'}
            onClick={() => onExclude(previewKey, !excluded)}
          >
            {excluded ? t.includeAgain : t.leaveOut}
          </Button>
          {onTestSend !== undefined && (
            <Button
              disabled={test?.state === 'sending'}
              onClick={() => {
                setTestState({ key: previewKey, state: 'sending' });
                onTestSend(previewKey).then(
                  () => setTestState({ key: previewKey, state: 'sent' }),
                  (error: unknown) =>
                    setTestState({
                      key: previewKey,
                      state: 'failed',
                      detail: messageOf(error),
                    }),
                );
              }}
            >
              {t.sendToMe}
            </Button>
          )}
          {test?.state === 'sent' && (
            <Text size={200} role="status">
              {t.testSent(selfAddress)}
            </Text>
          )}
          {test?.state === 'failed' && (
            <Text size={200} role="alert" className={styles.warning}>
              {t.actionFailed(test.detail ?? '')}
            </Text>
          )}
        </DrawerFooter>
      )}
    </OverlayDrawer>
  );
}
