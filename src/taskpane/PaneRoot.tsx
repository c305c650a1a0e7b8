/** Connects the controller's state to the UI: re-renders the App whenever the state changes. */
import { useSyncExternalStore } from 'react';
import type { Theme } from '@fluentui/react-components';
import { App, type ViewName } from '../ui/App';
import type { UiLanguage } from '../ui/i18n';
import type { PaneController } from './pane-controller';

export function PaneRoot({
  controller,
  language,
  theme,
  initialView,
}: {
  controller: PaneController;
  language: UiLanguage;
  theme: Theme;
  initialView?: ViewName;
}) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return (
    <App
      state={state}
      actions={controller.actions}
      language={language}
      theme={theme}
      {...(initialView !== undefined ? { initialView } : {})}
    />
  );
}
