import type { DevBackend } from '../../src/core';
import type { DevControl } from './use-dev-control';

/** Shown beside each backend, so the choice does not need the docs (docs/dev-mode.md). */
const WHAT: Record<DevBackend, string> = {
  none: 'no session backend: the browser uploads the whole state with every event',
  memory: 'state kept in the Mesop process: a token goes up instead (lost on restart; one process only)',
  file: 'state in files under a temporary directory: a token goes up (survives restarts, one machine)',
  sql: 'state in a local SQLite database: a token goes up (in production: any SQLAlchemy database)',
};

/**
 * WebSocket mode (MESOP_WEBSOCKETS_ENABLED=true): Mesop keeps each connection's state in the server
 * process and sends none over the socket (docs/protocol.md §2), so no backend changes the
 * payload. Said once, instead of descriptions that would promise a saving the switch cannot make.
 */
const WEBSOCKET_NOTE =
  "WebSocket mode: Mesop keeps each connection's state in the server process and no state crosses the socket, " +
  'so the session backend does not change the payload here (it matters with MESOP_WEBSOCKETS_ENABLED=false, over SSE)';

const LOG_LINES = 12;

/**
 * The session backend in use and a switch to the others; only when `mesop-devtools dev` serves
 * the page, else a one-line hint. Disabled while a switch or restart runs; after a crash, the
 * exit status, the end of Mesop's log and a Restart button.
 */
export function BackendSwitcher({ dev, onSwitch }: { dev: DevControl; onSwitch: (b: DevBackend) => void }) {
  if (dev.presence === 'unknown') return null;
  if (dev.presence === 'absent' || !dev.state) {
    return (
      <div class="devmode hint" id="dev-hint">
        Session backend: run <code>mesop-devtools dev main.py</code> to switch backends from here.
      </div>
    );
  }
  const { state, busy } = dev;
  const child = state.child;
  const crashed = child.status === 'crashed' || child.status === 'stopped';
  const websocket = state.transport === 'websocket';
  const working = busy
    ? busy.action === 'switch'
      ? `switching to ${busy.backend}: restarting Mesop…`
      : 'restarting Mesop…'
    : child.status === 'starting' || child.status === 'restarting'
      ? `Mesop is ${child.status}…`
      : '';
  return (
    <div class="devmode" id="dev-switcher" data-backend={state.backend} data-status={child.status}>
      <div class="devmode-bar">
        <span class="badge mesop" title="served by mesop-devtools dev">
          dev server · {state.app}
          {state.transport ? ` · ${state.transport === 'sse' ? 'SSE' : 'WebSocket'}` : ''}
        </span>
        <span>session backend</span>
        <span class="segmented" role="group" aria-label="session backend">
          {state.backends.map((b) => (
            <button
              key={b}
              id={`dev-backend-${b}`}
              aria-pressed={b === state.backend}
              class={b === state.backend ? 'on' : ''}
              disabled={!!busy || b === state.backend || crashed}
              title={websocket ? `${WHAT[b]} (over SSE; in WebSocket mode no state crosses the wire)` : WHAT[b]}
              onClick={() => onSwitch(b)}
            >
              {b}
            </button>
          ))}
        </span>
        {working && (
          <span class="dim" id="dev-busy" aria-live="polite">
            {working}
          </span>
        )}
        {!working && !crashed && !websocket && <span class="dim">{WHAT[state.backend]}</span>}
        {dev.error && (
          <span class="devmode-error" role="alert" id="dev-error">
            {dev.error}
          </span>
        )}
      </div>
      {websocket && !crashed && (
        <div class="devmode-note" id="dev-websocket-note">
          {WEBSOCKET_NOTE}
        </div>
      )}
      {crashed && (
        <div class="devmode-crash" id="dev-crash" role="alert">
          <div>
            <b>Mesop {child.status === 'crashed' ? 'crashed' : 'stopped'}</b> (
            {child.signal ? `signal ${child.signal}` : `exit code ${child.exitCode ?? '?'}`}); the dev server is still
            up.{' '}
            <button id="dev-restart" disabled={!!busy} onClick={() => void dev.restart()}>
              Restart Mesop
            </button>
          </div>
          {state.log.length > 0 && <pre class="devmode-log">{state.log.slice(-LOG_LINES).join('\n')}</pre>}
        </div>
      )}
    </div>
  );
}
