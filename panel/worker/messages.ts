/**
 * The typed messages between the panel (main thread) and its analysis worker. Decoding and
 * measuring multi-MB states runs in the worker so the DevTools window never freezes; the panel
 * only renders what comes back. Everything here is plain data (structured clone).
 */
import type { AdviceThresholds, BackendName, Deployment, Exchange, FieldSummary, FieldTrend, PayloadReport } from '../../src/core';

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

export type ToWorker =
  /** Replace everything with these exchanges (first load, or the capture changed other than by appending). */
  | { type: 'reset'; generation: number; exchanges: Exchange[]; source: SourceInfo }
  /** Add exchanges after the ones the worker has. */
  | { type: 'append'; generation: number; exchanges: Exchange[] }
  /** Forget the oldest `count` exchanges (the panel dropped them to bound its memory). */
  | { type: 'trim'; generation: number; count: number }
  /** Parse a HAR text (Chrome's Export HAR) in the worker and analyse it. */
  | { type: 'import-har'; generation: number; text: string; name: string }
  | { type: 'settings'; settings: AdviceSettings }
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

export interface AnalysisView {
  /**
   * From the worker: `report.events` holds only events from `eventsFrom` on (the panel has the
   * ones before, after dropping `trimmed` from the front). WorkerClient puts them together, so
   * the view the panel renders has every event.
   */
  report: PayloadReport;
  eventsFrom: number;
  /** Oldest events dropped (memory bound) since the last view; later events were renumbered from 0. */
  trimmed: number;
  growth: GrowthRow[];
  /** False for an imported JSON report: no state tree or diff, only what the report holds. */
  hasDetails: boolean;
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
  | { type: 'analysis'; generation: number; view: AnalysisView }
  | { type: 'detail'; requestId: number; detail: EventDetail | null }
  | { type: 'export'; requestId: number; text: string; mime: string; extension: string }
  | { type: 'error'; generation?: number; requestId?: number; message: string };
