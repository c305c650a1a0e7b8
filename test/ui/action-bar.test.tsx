/** @jest-environment jsdom */
/** The send action names how many e-mails it sends once that is more than a few (a mass send). */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ActionBar } from '../../src/ui/Actions';
import type { UiLanguage } from '../../src/ui/i18n';

afterEach(cleanup);

function showBar(actionableCount: number, selectedCount: number, language: UiLanguage = 'it') {
  render(
    <FluentProvider theme={webLightTheme}>
      <ActionBar
        actionableCount={actionableCount}
        selectedCount={selectedCount}
        onSelectAll={() => undefined}
        mayAct
        mail={{ available: true }}
        busy={false}
        onAction={() => undefined}
        language={language}
      />
    </FluentProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: language === 'it' ? 'Altre azioni' : 'More actions' }));
}

test('with nothing selected, Send over 381 visible reminders says "Invia 381 e-mail"', async () => {
  showBar(381, 0);
  expect(await screen.findByRole('menuitem', { name: 'Invia 381 e-mail' })).toBeTruthy();
  cleanup();
  showBar(1_200, 0, 'en');
  expect(await screen.findByRole('menuitem', { name: 'Send 1,200 e-mails' })).toBeTruthy();
});

test('a few reminders (a selection of 10, or 3 visible) keep the plain "Invia"', async () => {
  showBar(381, 10);
  expect(await screen.findByRole('menuitem', { name: 'Invia' })).toBeTruthy();
  cleanup();
  showBar(3, 0);
  expect(await screen.findByRole('menuitem', { name: 'Invia' })).toBeTruthy();
});
