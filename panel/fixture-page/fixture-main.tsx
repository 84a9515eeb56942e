/**
 * The panel in a plain page, on a fixture transport (no extension, no DevTools): the fast panel
 * tests drive it through `window.__fixture` (load a recorded HAR, add exchanges, navigate).
 * `?theme=dark` shows the dark theme.
 */
import { render } from 'preact';
import { App } from '../app/App';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { FixtureTransport } from '../transport/fixture-transport';

declare global {
  interface Window {
    __fixture?: FixtureTransport;
  }
}

const theme = new URLSearchParams(location.search).get('theme') === 'dark' ? 'dark' : 'light';
const transport = new FixtureTransport({ workerUrl: 'analysis-worker.js', theme });
window.__fixture = transport;
render(
  <ErrorBoundary>
    <App transport={transport} />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
