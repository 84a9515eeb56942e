/**
 * What the panel is handed to get its data (docs/architecture.md): the components and hooks see
 * only this. The extension's transport (extension/, the only panel code that talks to the browser,
 * through webextension-polyfill) gives it the page hook's port, devtools.network and the dev-mode port; a plain page gives it
 * recorded exchanges (fixture-transport.ts), which makes most panel tests fast and deterministic.
 */
import type { ExchangeLog } from '../../src/core/capture/exchange-log';
import type { DevRequest, DevResult, PageInfo } from '../../src/extension/protocol';

export interface CaptureSnapshot {
  /** The one capture log (a live object: followed by sequence number, never copied). */
  log: ExchangeLog;
  /** Requests seen and not in the log yet. */
  inFlight: number;
  /** What the page hook detected (undefined: no hook in this page). */
  page?: PageInfo;
  /** Epoch ms of each navigation of the inspected page since the panel started. */
  navigations: number[];
  /** Why the page hook could not be reached, if it could not. */
  hookError?: string;
  /** Hook messages dropped by the relay's memory bound. */
  dropped: number;
  /** Start times (ascending) of the oldest events the panel dropped to bound its memory (capture-store.ts, CAPTURE_LIMITS). */
  droppedStarts: readonly number[];
  /** Epoch ms when the panel started listening. */
  panelStartedAt: number;
  /** Mesop requests DevTools had logged before the panel was first shown. */
  entriesBeforePanel: number;
}

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface PanelTransport {
  readonly kind: 'extension' | 'fixture';
  /** DevTools' theme (devtools.panels.themeName). */
  readonly theme: 'light' | 'dark';
  /** URL of the built analysis worker script. */
  readonly workerUrl: string;
  /** Remembers settings (thresholds, preserve log) between sessions. */
  readonly storage: KeyValueStore;
  /** Starts delivering snapshots; called again whenever the capture changed. */
  start(onChange: (snapshot: CaptureSnapshot) => void): void;
  /** Reloads the inspected page so its events are recorded from the start; absent when impossible. */
  reloadPage?: () => void;
  /** How the panel reaches `mesop-devtools dev` (docs/dev-mode.md); absent outside the extension. */
  readonly dev?: DevTransport;
}

/** Request -> DevResult, whatever carries it (a Chrome port in the extension, a fake in tests). */
export interface DevTransport {
  request(request: DevRequest): Promise<DevResult>;
}

/** localStorage, or memory when it is not available (sandboxed page). */
export function localStore(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    get: (key) => { try { return localStorage.getItem(key); } catch { return memory.get(key) ?? null; } },
    set: (key, value) => { try { localStorage.setItem(key, value); } catch { memory.set(key, value); } },
  };
}
