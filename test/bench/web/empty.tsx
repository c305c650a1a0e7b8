/**
 * The floor of the pane's start-up benchmarks: an empty Fluent page (FluentProvider + one Text), bundled
 * as the pane is (same webpack configuration, production mode). `?tallPx=N` adds an empty block N px
 * tall under the text: the floor of the scrolling benchmark, a page as tall as the list, with nothing in it.
 */
import { FluentProvider, Text, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (container === null) throw new Error('empty.html has no #root element');
const tallPx = Number(new URLSearchParams(window.location.search).get('tallPx') ?? 0);
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <Text data-testid="empty-text">Solleciti</Text>
    {tallPx > 0 ? <div style={{ height: `${tallPx}px` }} /> : null}
  </FluentProvider>,
);
