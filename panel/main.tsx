/**
 * The Mesop panel inside DevTools (a thin entry): the panel is handed the extension transport
 * (page hook + chrome.devtools.network, panel/transport/extension/extension-transport.ts).
 */
import { render } from 'preact';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { ExtensionTransport } from './transport/extension/extension-transport';

const transport = new ExtensionTransport();
const root = document.getElementById('app')!;
const show = (): void =>
  render(
    <ErrorBoundary>
      <App transport={transport} />
    </ErrorBoundary>,
    root,
  );
show();
// A theme switch in DevTools' settings re-renders the panel with the new theme.
transport.followTheme(show);
