/**
 * What the panel is handed to get its data (docs/architecture.md): the components and hooks see
 * only this. The extension's transport (extension/, the only panel code that talks to the browser,
 * through webextension-polyfill) gives it the page hook's port, devtools.network and the dev-mode port; a plain page gives it
 * recorded exchanges (fixture-transport.ts), which makes most panel tests fast and deterministic.
 */
import type { ExchangeLog, ReportEvent } from '../../src/core';
import type { DevRequest, DevResult, PageInfo, SiteHooksState } from '../../src/extension/protocol';
import type { ReplayState } from '../recorder-view/replay-messages';
import type { TrackEntry } from '../state/perf-track';

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
  /** Early events the page hook's backlog did not keep (past its cap, protocol.ts HookBacklogLimits). */
  dropped: number;
  /** Early events the page hook's backlog kept as their sizes only (past its cap of body characters). */
  sizesOnly: number;
  /** Start times (ascending) of the oldest events the panel dropped to bound its memory (capture-limits.ts, CAPTURE_LIMITS). */
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
  /** The live capture keeps at most this many events (the panel's setting); absent without a live capture. */
  keepEvents?: (events: number) => void;
  /** The page hook keeps this many Mi characters of bodies for a panel that opens later; absent without a page hook. */
  pageBacklog?: (mb: number) => void;
  /** Reloads the inspected page so its events are recorded from the start; absent when impossible. */
  reloadPage?: () => void;
  /** How the panel reaches `mesop-devtools dev` (docs/dev-mode.md); absent outside the extension. */
  readonly dev?: DevTransport;
  /** The page hook on other sites, on request (docs/extension-capture.md); absent outside the extension. */
  readonly siteAccess?: SiteAccess;
  /**
   * Registers the Recorder's "Mesop DevTools check" export and replay (docs/recorder-export.md),
   * reading what the panel measured through `side`; idempotent. Absent outside the extension; a
   * browser without chrome.devtools.recorder registers nothing.
   */
  registerRecorder?: (side: RecorderSide) => void;
  /** The "Mesop" track in Chrome's Performance panel (docs/performance-track.md); absent outside the extension. */
  readonly performanceTrack?: PerformanceTrack;
}

/** What the Recorder plugin reads from the panel, when it is asked (always the latest values). */
export interface RecorderSide {
  /** The live capture's analysed events as the Mesop tab shows them; undefined while it shows an imported file. */
  liveEvents(): readonly ReportEvent[] | undefined;
  /** The export's margin over each measured maximum, in percent (the panel's setting). */
  marginPercent(): number;
  /**
   * A "Replay with budgets" changed (its steps and verdicts), with the path of the page that shows
   * them: the Mesop tab shows it too, since DevTools may not show the Recorder view (docs/recorder-export.md).
   */
  replayChanged(state: ReplayState, viewPath: string): void;
}

/**
 * Chrome's Performance panel: when a recording runs, and a way to write entries into the
 * inspected page's trace. Nothing is written into the page while no recording runs.
 */
export interface PerformanceTrack {
  /** Why this browser's Performance panel shows no Mesop track (undefined: it can). */
  readonly absentBecause?: string;
  /** Calls `fn(true)` when a Performance recording starts, `fn(false)` when it stops (the last `fn` given). */
  onRecording(fn: (recording: boolean) => void): void;
  /** Writes the entries into the inspected page's trace (only while a recording runs). */
  write(entries: readonly TrackEntry[], richer: boolean): void;
}

/**
 * The full capture on a site the extension's content scripts do not cover: the browser's grant
 * for one origin and the hook's registration there. A site is an origin pattern, `http://host:port/*`.
 */
export interface SiteAccess {
  /** The inspected page's site, and whether the extension may run the hook there; undefined where it cannot (not http/https). */
  inspected(): Promise<{ site: string; granted: boolean } | undefined>;
  /**
   * Asks the browser for `site` (call it first thing in a click: the prompt needs the user's
   * gesture), then registers the hook there. Undefined when the user declined.
   */
  request(site: string): Promise<SiteHooksState | undefined>;
  /** Withdraws the grant for `site`; the hook is unregistered with it. */
  remove(site: string): Promise<SiteHooksState>;
  /** The sites the hook is registered on. */
  sites(): Promise<SiteHooksState>;
}

/** Request -> DevResult, whatever carries it (a Chrome port in the extension, a fake in tests). */
export interface DevTransport {
  request(request: DevRequest): Promise<DevResult>;
}

/** localStorage, or memory when it is not available (sandboxed page). */
export function localStore(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    get: (key) => {
      try {
        return localStorage.getItem(key);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set: (key, value) => {
      try {
        localStorage.setItem(key, value);
      } catch {
        memory.set(key, value);
      }
    },
  };
}
