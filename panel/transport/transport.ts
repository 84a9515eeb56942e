/**
 * What the panel is handed to get its data (architecture.md §5: the panel does not know its
 * transport). The extension gives it Chrome ports and chrome.devtools.network
 * (extension-transport.ts); a plain page gives it recorded exchanges (fixture-transport.ts), which
 * makes most panel tests fast and deterministic.
 */
import type { MergedExchange } from '../../src/core';
import type { PageInfo } from '../../src/extension/protocol';

export interface CaptureSnapshot {
  /** Every captured exchange, merged across capture paths, in start order. */
  rows: MergedExchange[];
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
  /** DevTools' theme (chrome.devtools.panels.themeName). */
  readonly theme: 'light' | 'dark';
  /** URL of the built analysis worker script. */
  readonly workerUrl: string;
  /** Remembers settings (thresholds, preserve log) between sessions. */
  readonly storage: KeyValueStore;
  /** Starts delivering snapshots; called again whenever the capture changed. */
  start(onChange: (snapshot: CaptureSnapshot) => void): void;
  /** Reloads the inspected page so its events are recorded from the start; absent when impossible. */
  reloadPage?: () => void;
}

/** localStorage, or memory when it is not available (sandboxed page). */
export function localStore(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    get: (key) => { try { return localStorage.getItem(key); } catch { return memory.get(key) ?? null; } },
    set: (key, value) => { try { localStorage.setItem(key, value); } catch { memory.set(key, value); } },
  };
}
