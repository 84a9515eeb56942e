/**
 * The Mesop panel inside DevTools (a thin entry): the panel is handed the extension transport
 * (page hook + chrome.devtools.network, panel/transport/extension/extension-transport.ts).
 */
import { render } from 'preact';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { ExtensionTransport } from './transport/extension/extension-transport';

render(<ErrorBoundary><App transport={new ExtensionTransport()} /></ErrorBoundary>, document.getElementById('app')!);
