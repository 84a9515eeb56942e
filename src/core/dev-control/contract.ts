/**
 * The dev-control contract between `mesop-devtools dev` (this folder) and the extension's content
 * script / panel. Pure: no node:*, no DOM, so it can move to src/core (where src/extension and the
 * panel may import it) without change. docs/dev-mode.md explains every field and each defence.
 */

/** Bumped when a shape below changes incompatibly; the content script refuses other versions. */
export const DEV_CONTROL_VERSION = 1;

/**
 * Injected right after `<head>` of every HTML page the dev proxy serves:
 * `<meta name="mesop-devtools-dev" content="1" data-control="/__mesop_devtools__/" data-secret="…">`.
 * A meta tag, not a header, because a content script can read the DOM but not the document's
 * response headers; not a URL parameter, because URLs end up in logs, history and Referer.
 */
export const DEV_META_NAME = 'mesop-devtools-dev';
/** Every control call carries the per-run secret from the meta tag in this header. */
export const DEV_SECRET_HEADER = 'x-mesop-devtools-secret';
/** Reserved path prefix; never forwarded to Mesop. */
export const DEV_CONTROL_PREFIX = '/__mesop_devtools__/';

export const DEV_BACKENDS = ['none', 'memory', 'file', 'sql'] as const;
export type DevBackend = (typeof DEV_BACKENDS)[number];

export type ChildStatus = 'starting' | 'running' | 'restarting' | 'crashed' | 'stopped';

/** GET /__mesop_devtools__/state, and the body of every successful POST. */
export interface DevState {
  version: typeof DEV_CONTROL_VERSION;
  /** Session backend the Mesop child was started with. */
  backend: DevBackend;
  /** Backends this machine can run (sql needs SQLAlchemy importable by mesop's Python). */
  backends: DevBackend[];
  /** From the page's `__MESOP_EXPERIMENTS__.websocketsEnabled` of the page Mesop served; null before. */
  transport: 'sse' | 'websocket' | null;
  /** The app file as given on the command line (basename only). */
  app: string;
  /** Temporary directory of the file/sql backend (removed when switching away); null otherwise. */
  backendDir: string | null;
  child: {
    status: ChildStatus;
    pid: number | null;
    /** Exit code / signal of the last child that ended (null while the first one runs). */
    exitCode: number | null;
    signal: string | null;
    /** How many times the child was (re)started after the first start. */
    restarts: number;
    /** Date.now() when the current child was spawned. */
    startedAt: number | null;
  };
  /** Last lines Mesop printed (stdout + stderr), oldest first, at most 40. */
  log: string[];
}

/** POST /__mesop_devtools__/switch body (application/json, at most 1 KiB). */
export interface SwitchRequest {
  backend: DevBackend;
}

/** Every refusal and failure: an HTTP status >= 400 with this body. */
export interface DevError {
  error: { code: DevErrorCode; message: string };
  /** Present when the child is involved (start failed, busy), so the panel can show why. */
  state?: DevState;
}

export type DevErrorCode =
  | 'bad-host'
  | 'bad-origin'
  | 'bad-secret'
  | 'not-found'
  | 'method-not-allowed'
  | 'bad-content-type'
  | 'body-too-large'
  | 'bad-json'
  | 'bad-backend'
  | 'backend-unavailable'
  | 'busy'
  | 'start-failed';
