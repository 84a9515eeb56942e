/**
 * The typed messages between the panel (main thread) and its analysis worker. Decoding and
 * measuring multi-MB states runs in the worker so the DevTools window never freezes; the panel
 * only renders what comes back. Everything here is plain data (structured clone).
 */
import type {
  AdviceThresholds,
  BackendName,
  Deployment,
  Exchange,
  FieldSummary,
  FieldTrend,
  PayloadReport,
} from '../../src/core';

export type ExportFormat = 'json' | 'html' | 'md';

export interface AdviceSettings {
  thresholds: AdviceThresholds;
  deployment: Deployment;
  /** The session backend a `dev` session runs (not saved: it is the session's, not a setting). */
  backend?: BackendName;
}

/** Where the analysed exchanges came from (goes into the report's `source`). */
export interface SourceInfo {
  kind: PayloadReport['source']['kind'];
  name: string;
}

/**
 * The worker follows the panel's capture log (src/core/capture/exchange-log.ts): exchanges come
 * numbered (`Exchange.id` is the log's sequence number), are appended, and are dropped through a
 * number. `epoch` counts the times the panel started again (a file imported, the log rewritten):
 * views of an older epoch are not shown.
 */
export type ToWorker =
  /** Start again with these exchanges. */
  | { type: 'reset'; epoch: number; exchanges: Exchange[]; source: SourceInfo }
  /** Exchanges after the ones the worker has. */
  | { type: 'append'; exchanges: Exchange[] }
  /** Forget the exchanges numbered up to `through` (the memory bound, a clear, a navigation). */
  | { type: 'drop'; through: number }
  /** Parse a HAR text (Chrome's Export HAR) in the worker and analyse it. */
  | { type: 'import-har'; epoch: number; text: string; name: string }
  | { type: 'settings'; settings: AdviceSettings }
  /** Something the status line shows changed (no exchange did): answer with a paced `tick`. */
  | { type: 'status' }
  | { type: 'detail'; requestId: number; eventIndex: number }
  /** `report` is given for an imported JSON report (the worker has no exchanges then). */
  | { type: 'export'; requestId: number; format: ExportFormat; includeValues: boolean; report?: PayloadReport };

/** A field whose size rose within a page load (the core's trend, without the per-event detail). */
export type GrowthRow = Omit<FieldTrend, 'decreases' | 'grewAt'> & {
  /** Bytes added per event that grew it (field-series.ts `growthPerRise`). */
  ratePerEvent: number;
  /** Page loads in which it grew. */
  pageLoadsGrown: number;
};

/**
 * When the server answered one event, for the Performance panel's Server track
 * (docs/performance-track.md): its exchange's times (Exchange.firstByteAt / messageTimes) with the
 * renders' bytes. Only for events whose capture dated something.
 */
export interface ResponseTiming {
  /** Epoch ms of the response's first byte, when known. */
  firstByteAt?: number;
  /**
   * The response messages with a known arrival, in order (`<stream_end>` not counted): epoch ms,
   * and for a render its wire bytes. Mesop 1.3.7 sends a response's renders first (server.py's
   * render_loop), then its state update or its error, so the first `renders` messages are renders.
   */
  messages: { at: number; renderBytes?: number }[];
  /** Renders in the whole response (dated or not). */
  renders: number;
}

export interface AnalysisView {
  /**
   * From the worker: `report.events` holds only the events after those it sent before, and every
   * event of an exchange numbered up to `droppedThrough` is gone. WorkerClient puts them together,
   * so the view the panel renders has every event (and `dropped`: how many it lost from the front,
   * the rest renumbered from 0).
   */
  report: PayloadReport;
  droppedThrough: number;
  dropped: number;
  growth: GrowthRow[];
  /** False for an imported JSON report: no state tree or diff, only what the report holds. */
  hasDetails: boolean;
  /** By exchange id: when the server answered (only the view's events whose capture dated something). */
  timings: Map<string, ResponseTiming>;
  /** Time the worker spent, for the status line. */
  ms: number;
}

/** One of the biggest fields of an event's held state: the core's summary, as the worker sends it. */
export type FieldRow = FieldSummary;

export interface DiffRow {
  stateClass: number;
  path: string;
  before: number | null;
  after: number | null;
  delta: number;
}

export interface StateClassDetail {
  stateClass: number;
  /** Bytes of the class's JSON as the client holds it after the event. */
  bytes: number;
  /** Biggest fields of this class, largest first (non-overlapping, see core measure/top-fields). */
  top: FieldRow[];
  /** Every concrete path with its bytes, for the browsable tree (no `[*]` aggregates). */
  paths: [string, number][];
}

export interface EventDetail {
  eventIndex: number;
  classes: StateClassDetail[];
  /** Against the previous event: fields that changed size, biggest change first. */
  diff: DiffRow[];
}

export type FromWorker =
  | { type: 'analysis'; epoch: number; view: AnalysisView }
  /** The pacing allows a redraw, and no exchange changed since the last view. */
  | { type: 'tick' }
  | { type: 'detail'; requestId: number; detail: EventDetail | null }
  | { type: 'export'; requestId: number; text: string; mime: string; extension: string }
  | { type: 'error'; epoch?: number; requestId?: number; message: string };
