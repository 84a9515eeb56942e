import type { ExchangeLog, PayloadReport, ReportEvent } from '../../src/core';
import type { LogFilter } from '../state/recording';
import type {
  AdviceSettings,
  AnalysisView,
  EventDetail,
  ExportFormat,
  FromWorker,
  ResponseTiming,
  SourceInfo,
  ToWorker,
} from './messages';
import type { RenderedExport } from '../export/render-export';
import { EventCompactor } from './compact-events';

/** Where the worker stands in the capture log it follows. */
interface Following {
  log: ExchangeLog;
  revision: number;
  /** The last sequence number the worker was given (or passed over: filtered out). */
  sentThrough: number;
  /** Every number up to this one was dropped (the log's bound, a clear, a navigation). */
  droppedThrough: number;
  /** Where the shown log starts (recording.ts `visibleFrom`). */
  from: number;
}

/**
 * The panel's side of the analysis worker. It follows the one capture log by sequence number:
 * new entries are appended (bodies can be megabytes: each crosses once), the oldest are dropped
 * through a number, and only another log, a rewritten entry (the log's revision) or a shown log
 * that starts earlier than before sends everything again. The worker's views carry only new
 * events: this side keeps the list and hands the panel complete views.
 */
export class WorkerClient {
  #worker: Worker;
  #epoch = 0;
  #following: Following | undefined;
  #requestId = 0;
  #pending = new Map<number, (m: FromWorker) => void>();
  /** Every event of the worker's current analysis, as far as its views told. */
  #events: ReportEvent[] = [];
  /** The held events' response times, by exchange id (the worker sends each once). */
  #timings = new Map<string, ResponseTiming>();
  /** Held events as few heap objects as they can be (compact-events.ts). */
  readonly #compactor = new EventCompactor();
  onView: (view: AnalysisView) => void = () => undefined;
  onError: (message: string) => void = () => undefined;
  /** The worker's pacing allows a redraw and no view is due (see statusChanged). */
  onTick: () => void = () => undefined;

  constructor(url: string) {
    this.#worker = new Worker(url);
    this.#worker.onmessage = (ev: MessageEvent<FromWorker>) => this.#onMessage(ev.data);
    this.#worker.onerror = (ev) => this.onError(ev.message || 'analysis worker failed');
  }

  /** Sends the worker what changed in the shown part of `log`. Returns true when it started again. */
  sync(log: ExchangeLog, shown: LogFilter, source: SourceInfo): boolean {
    const f = this.#following;
    if (!f || f.log !== log || f.revision !== log.revision || shown.from < f.from) {
      const exchanges = log.entries.filter((e) => shown.shows(e.exchange.startedAt)).map((e) => e.exchange);
      this.#following = {
        log,
        revision: log.revision,
        sentThrough: log.lastSeq,
        droppedThrough: log.droppedThrough,
        from: shown.from,
      };
      this.#events = [];
      this.#timings = new Map();
      this.#post({ type: 'reset', epoch: ++this.#epoch, exchanges, source });
      return true;
    }
    let through = Math.max(f.droppedThrough, log.droppedThrough);
    if (shown.from > f.from) through = Math.max(through, lastStartedBefore(log, f.sentThrough, shown.from));
    f.from = shown.from;
    if (through > f.droppedThrough) {
      f.droppedThrough = through;
      this.#post({ type: 'drop', through });
    }
    if (log.lastSeq > f.sentThrough) {
      const exchanges = log
        .since(f.sentThrough)
        .filter((e) => shown.shows(e.exchange.startedAt))
        .map((e) => e.exchange);
      f.sentThrough = log.lastSeq;
      if (exchanges.length) this.#post({ type: 'append', exchanges });
    }
    return false;
  }

  importHar(text: string, name: string): void {
    this.#following = undefined;
    this.#events = [];
    this.#timings = new Map();
    this.#post({ type: 'import-har', epoch: ++this.#epoch, text, name });
  }

  /** Forget what was sent (an imported file replaces the live view; the next sync starts again). */
  forget(): void {
    this.#epoch++;
    this.#following = undefined;
  }

  /** Events the panel has been shown so far (for tests and the bench). */
  get events(): readonly ReportEvent[] {
    return this.#events;
  }

  settings(settings: AdviceSettings): void {
    this.#post({ type: 'settings', settings });
  }

  detail(eventIndex: number): Promise<EventDetail | null> {
    return this.#request({ type: 'detail', requestId: 0, eventIndex }).then((m) =>
      m.type === 'detail' ? m.detail : null,
    );
  }

  export(format: ExportFormat, includeValues: boolean, report?: PayloadReport): Promise<RenderedExport> {
    return this.#request({ type: 'export', requestId: 0, format, includeValues, report }).then((m) => {
      if (m.type === 'export') return { text: m.text, mime: m.mime, extension: m.extension };
      throw new Error(m.type === 'error' ? m.message : 'unexpected answer');
    });
  }

  #request(msg: Extract<ToWorker, { requestId: number }>): Promise<FromWorker> {
    const requestId = ++this.#requestId;
    return new Promise((resolve) => {
      this.#pending.set(requestId, resolve);
      this.#post({ ...msg, requestId });
    });
  }

  /** The worker's partial view (new events only) -> the view with every event. */
  #complete(view: AnalysisView): AnalysisView {
    const held = this.#events;
    let dropped = 0;
    while (dropped < held.length && Number(held[dropped]!.exchangeId) <= view.droppedThrough) dropped++;
    // A new array each view: the list and the chart see a change by identity.
    const kept = dropped ? held.slice(dropped).map((e, index) => ({ ...e, index })) : held.slice();
    for (const e of view.report.events) kept.push(this.#compactor.compact(e));
    this.#events = kept;
    const timings = new Map(this.#timings);
    if (dropped) for (const e of held.slice(0, dropped)) timings.delete(e.exchangeId);
    for (const [id, timing] of view.timings) timings.set(id, timing);
    this.#timings = timings;
    return { ...view, dropped, timings, report: { ...view.report, events: kept } };
  }

  /** The status line has news: the worker answers with a tick when its pacing allows a redraw. */
  statusChanged(): void {
    this.#post({ type: 'status' });
  }

  #post(msg: ToWorker): void {
    this.#worker.postMessage(msg);
  }

  #onMessage(m: FromWorker): void {
    if ((m.type === 'detail' || m.type === 'export' || m.type === 'error') && m.requestId !== undefined) {
      const done = this.#pending.get(m.requestId);
      this.#pending.delete(m.requestId);
      done?.(m);
      return;
    }
    // Views of an earlier epoch describe a log the panel no longer follows.
    if (m.type === 'analysis' && m.epoch === this.#epoch) this.onView(this.#complete(m.view));
    if (m.type === 'tick') this.onTick();
    if (m.type === 'error' && (m.epoch === undefined || m.epoch === this.#epoch)) this.onError(m.message);
  }
}

/** The last number, up to `through`, of an entry that started before `from` (0: none). */
function lastStartedBefore(log: ExchangeLog, through: number, from: number): number {
  for (let seq = Math.min(through, log.lastSeq); seq > log.droppedThrough; seq--) {
    if (log.get(seq)!.exchange.startedAt < from) return seq;
  }
  return 0;
}
