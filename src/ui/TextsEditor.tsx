/**
 * The texts of each level, per language: subject and body, plain text or HTML, with buttons that insert
 * the placeholders at the cursor, unknown `%Words` flagged, what the HTML filter removes from an HTML text
 * listed (html-policy.ts: it is removed on saving and on sending), and a live preview on a real customer of
 * today's plan, rendered by the same `renderEmail` the mailer uses, with the setup as it is being edited.
 */
import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Tab,
  TabList,
  Text,
  Textarea,
  Tooltip,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { sanitizeHtmlText } from '../domain/html-policy';
import { findUnknownPlaceholders, PLACEHOLDERS, renderEmail } from '../domain/render-email';
import { validateSetup } from '../domain/setup';
import { settingsMessagesFor, type UiLanguage } from './i18n';
import type { CommunicationDetail } from './model';
import { emailDocument } from './PreviewPanel';
import { useSettingsStyles } from './settings-styles';
import { insertAt, updateText, type SetupDraft } from './setup-draft';

export interface TextsEditorProps {
  readonly draft: SetupDraft;
  readonly onChange: (draft: SetupDraft) => void;
  readonly editable: boolean;
  readonly loadSample: (levelId: string) => Promise<CommunicationDetail | undefined>;
  readonly language: UiLanguage;
}

type Target = 'subject' | 'body';

export function TextsEditor({ draft, onChange, editable, loadSample, language }: TextsEditorProps) {
  const styles = useSettingsStyles();
  const t = settingsMessagesFor(language);
  const [levelId, setLevelId] = useState(draft.levels[0]?.id ?? '');
  const [textLanguage, setTextLanguage] = useState(draft.defaultLanguage);
  const [sample, setSample] = useState<CommunicationDetail | undefined | null>();
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastTarget = useRef<Target>('body');

  const index = Math.max(
    0,
    draft.levels.findIndex((level) => level.id === levelId),
  );
  const level = draft.levels[index];
  const text = level?.texts[textLanguage];
  const languages = [...new Set(['it', 'en', draft.defaultLanguage, ...Object.keys(level?.texts ?? {})])];
  const currentLevelId = level?.id ?? '';

  useEffect(() => {
    if (currentLevelId === '') return;
    let live = true;
    loadSample(currentLevelId).then(
      (detail) => live && setSample(detail ?? null),
      () => live && setSample(null),
    );
    return () => {
      live = false;
    };
  }, [currentLevelId, loadSample]);

  const preview = useMemo(() => {
    if (sample === undefined || sample === null || level === undefined) return undefined;
    const setup = validateSetup(draft);
    if (!setup.ok) return 'invalid' as const;
    try {
      return renderEmail({
        communication: { ...sample.communication, levelId: level.id },
        setup: setup.value,
        customer: { ...sample.customer, language: textLanguage },
        agents: new Map(sample.agents.map((agent) => [agent.id, agent])),
        today: sample.today,
      });
    } catch {
      return 'invalid' as const;
    }
  }, [sample, level, draft, textLanguage]);

  const body = text?.format === 'html' ? text.body : undefined;
  const removed = useMemo(() => (body === undefined ? [] : sanitizeHtmlText(body).removed), [body]);

  if (level === undefined) return null;
  const unknown = findUnknownPlaceholders(`${text?.subject ?? ''}\n${text?.body ?? ''}`);

  const insert = (name: string): void => {
    const target = lastTarget.current;
    const element = target === 'subject' ? subjectRef.current : bodyRef.current;
    const current = (target === 'subject' ? text?.subject : text?.body) ?? '';
    const { text: next, cursor } = insertAt(
      current,
      element?.selectionStart ?? current.length,
      element?.selectionEnd ?? current.length,
      `%${name}`,
    );
    onChange(updateText(draft, index, textLanguage, { [target]: next }));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(cursor, cursor);
    });
  };

  return (
    <fieldset className={styles.section} disabled={!editable} data-testid="texts-editor">
      <Text as="h2" size={400} weight="semibold">
        {t.textsHeading}
      </Text>
      <div className={styles.card}>
        <div className={styles.grid}>
          <Field label={t.textLevel}>
            <Select value={level.id} onChange={(_, data) => setLevelId(data.value)} data-testid="text-level">
              {draft.levels.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name !== '' ? candidate.name : candidate.id}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.format}>
            <RadioGroup
              layout="horizontal"
              value={text?.format ?? 'text'}
              onChange={(_, data) =>
                onChange(
                  updateText(draft, index, textLanguage, { format: data.value === 'html' ? 'html' : 'text' }),
                )
              }
            >
              <Radio value="text" label={t.formatText} />
              <Radio value="html" label={t.formatHtml} />
            </RadioGroup>
          </Field>
        </div>
        <TabList
          selectedValue={textLanguage}
          onTabSelect={(_, data) => setTextLanguage(String(data.value))}
          size="small"
          aria-label={t.textLanguage}
        >
          {languages.map((code) => (
            <Tab key={code} value={code}>
              {t.languageName(code)}
            </Tab>
          ))}
        </TabList>
        {text === undefined && (
          <Text size={200} className={styles.muted}>
            {t.noTextForLanguage}
          </Text>
        )}
        <Field label={t.subject}>
          <Input
            ref={subjectRef}
            value={text?.subject ?? ''}
            onFocus={() => (lastTarget.current = 'subject')}
            onChange={(_, data) => onChange(updateText(draft, index, textLanguage, { subject: data.value }))}
            data-testid="text-subject"
          />
        </Field>
        <Field label={t.body}>
          <Textarea
            ref={bodyRef}
            resize="vertical"
            rows={10}
            value={text?.body ?? ''}
            onFocus={() => (lastTarget.current = 'body')}
            onChange={(_, data) => onChange(updateText(draft, index, textLanguage, { body: data.value }))}
            data-testid="text-body"
          />
        </Field>
        <div className={styles.buttons} role="group" aria-label={t.insertPlaceholder}>
          {PLACEHOLDERS.map((name) => (
            <Tooltip key={name} content={t.placeholderHint(name)} relationship="description">
              <Button
                size="small"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => insert(name)}
              >
                %{name}
              </Button>
            </Tooltip>
          ))}
        </div>
        {unknown.length > 0 && (
          <Text size={200} role="alert" style={{ color: 'var(--colorPaletteRedForeground1)' }}>
            {t.unknownPlaceholders(unknown.join(', '))}
          </Text>
        )}
        {removed.length > 0 && (
          <Text
            size={200}
            role="status"
            data-testid="html-removed"
            style={{ color: 'var(--colorPaletteDarkOrangeForeground1)' }}
          >
            {t.htmlRemoved(removed.map(t.htmlRemoval).join('; '))}
          </Text>
        )}
      </div>
      <div className={styles.card} data-testid="text-preview">
        <Text weight="semibold">{t.previewHeading}</Text>
        {sample === null && <Text className={styles.muted}>{t.previewNoSample}</Text>}
        {preview === 'invalid' && <Text className={styles.muted}>{t.previewInvalid}</Text>}
        {sample !== undefined && sample !== null && preview !== undefined && preview !== 'invalid' && (
          <>
            <Text size={200} className={styles.muted}>
              {t.previewOn(sample.customer.name)}
            </Text>
            <Text weight="semibold" data-testid="text-preview-subject">
              {preview.subject}
            </Text>
            <iframe
              title={t.previewHeading}
              sandbox=""
              data-testid="text-preview-frame"
              srcDoc={emailDocument(preview)}
              style={{
                width: '100%',
                minHeight: '280px',
                border: '1px solid var(--colorNeutralStroke2)',
                borderRadius: '4px',
                background: '#fff',
              }}
            />
          </>
        )}
      </div>
    </fieldset>
  );
}
