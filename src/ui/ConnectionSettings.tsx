/**
 * The user's own connection settings (docs/rules.md §5): where the ERP and Microsoft Graph are, how to sign in.
 * Each value says where it comes from (yours, the deployment's, the default); secrets are never shown
 * back; "test connection" tries the values typed before they are saved; saving reopens the pane. In a
 * production build the deployment's settings (ERP, Graph, static key, identity) are shown read-only: the
 * administrator sets them in the build, and the pages' security policy only lets the pane reach those.
 */
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { SettingKey } from '../config/settings';
import { messagesFor, settingsMessagesFor, type UiLanguage } from './i18n';
import type { ConnectionTestResult, PaneActions } from './model';
import { useSettingsStyles } from './settings-styles';
import { messageOf } from '../domain/message-of';

export interface ConnectionSettingsProps {
  readonly actions: Pick<PaneActions, 'loadConnection' | 'testConnection' | 'saveConnection'>;
  readonly language: UiLanguage;
}

export function ConnectionSettings({ actions, language }: ConnectionSettingsProps) {
  const styles = useSettingsStyles();
  const t = settingsMessagesFor(language);
  const common = messagesFor(language);
  const view = useMemo(() => actions.loadConnection(), [actions]);
  const [values, setValues] = useState<Partial<Record<SettingKey, string>>>({});
  const [test, setTest] = useState<ConnectionTestResult | 'testing' | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();

  const changed = Object.keys(values).length > 0;
  return (
    <section
      className={styles.section}
      aria-labelledby="connection-heading"
      data-testid="connection-settings"
    >
      <Text as="h2" id="connection-heading" size={400} weight="semibold">
        {t.connectionHeading}
      </Text>
      <Text size={200} className={styles.muted}>
        {t.connectionHint(view.location)}
      </Text>
      {view.staticKeyInUse && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t.staticKeyWarning}</MessageBarBody>
        </MessageBar>
      )}
      <div className={`${styles.card} ${styles.grid}`}>
        {view.settings.map((setting) => {
          const problem = view.problems.find((candidate) => candidate.setting === setting.key);
          return (
            <Field
              key={setting.key}
              label={
                <>
                  {setting.key}{' '}
                  <Badge
                    appearance="outline"
                    size="small"
                    color={setting.source === 'user' ? 'brand' : 'informative'}
                  >
                    {t.source(setting.source)}
                  </Badge>
                </>
              }
              validationState={problem !== undefined ? 'warning' : 'none'}
              validationMessage={problem?.message}
              hint={setting.locked ? t.lockedSetting : undefined}
            >
              <Input
                type={setting.secret ? 'password' : 'text'}
                placeholder={
                  setting.secret && setting.source !== 'default' && !setting.locked ? t.secretSet : undefined
                }
                value={values[setting.key] ?? setting.value}
                readOnly={setting.locked}
                onChange={(_, data) => {
                  if (!setting.locked) setValues({ ...values, [setting.key]: data.value });
                }}
                autoComplete="off"
                data-testid={`connection-${setting.key}`}
              />
            </Field>
          );
        })}
      </div>
      <div className={styles.buttons}>
        <Button
          disabled={test === 'testing'}
          onClick={() => {
            setTest('testing');
            actions.testConnection(values).then(setTest, (error: unknown) =>
              setTest({
                erp: { ok: false, failure: 'unknown', detail: String(error) },
                graph: { ok: false, detail: String(error) },
              }),
            );
          }}
        >
          {test === 'testing' ? t.testing : t.testConnection}
        </Button>
        <Button
          appearance="primary"
          disabled={!changed}
          onClick={() => {
            setSaveError(undefined);
            actions.saveConnection(values).catch((error: unknown) => setSaveError(messageOf(error)));
          }}
        >
          {t.saveConnection}
        </Button>
      </div>
      {test !== undefined && test !== 'testing' && test.refused !== undefined && (
        <div role="status" data-testid="connection-test">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{t.testRefused(test.refused)}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {test !== undefined && test !== 'testing' && test.refused === undefined && (
        <div role="status" data-testid="connection-test">
          <MessageBar intent={test.erp.ok ? 'success' : 'error'} layout="multiline">
            <MessageBarBody>
              {test.erp.ok ? t.erpOk : t.erpFailed(common.syncFailure(test.erp.failure))}
            </MessageBarBody>
          </MessageBar>
          <MessageBar intent={test.graph.ok ? 'success' : 'error'} layout="multiline">
            <MessageBarBody>
              {test.graph.ok ? t.graphOk(test.graph.account) : t.graphFailed(test.graph.detail)}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {saveError !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>{saveError}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
