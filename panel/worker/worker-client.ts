import type { Exchange, PayloadReport, ReportEvent } from '../../src/core';
import type { AdviceSettings, AnalysisView, EventDetail, ExportFormat, FromWorker, SourceInfo, ToWorker } from './messages';
import type { RenderedExport } from '../export/render-export';
import { EventCompactor } from './compact-events';

/**
 * The panel's side of the analysis worker. Exchanges are sent incrementally: when the captured
 * list only grew, just the new ones cross over (bodies can be megabytes); when its oldest rows
 * were dropped (the capture's memory bound), the worker is told to forget as many; any other
 * change (cleared, a row replaced by its merged form) resends all. The worker's views carry only
 * new events: this side keeps the list and hands the panel complete views. Answers older than the
 * latest generation are not shown.
 */
export class WorkerClient {
  #worker: Worker;
  #generation = 0;
  #sentKeys: string[] = [];
  #requestId = 0;
  #pending = new Map<number, (m: FromWorker) => void>();
  /** Every event of the worker's current analysis, as far as its views told. */
  #events: ReportEvent[] = [];
  /** Held events as few heap objects as they can be (compact-events.ts). */
  readonly #compactor = new EventCompactor();
  onView: (view: AnalysisView) => void = () => undefined;
  onError: (message: string) => void = () => undefined;

  constructor(url: string) {
    this.#worker = new Worker(url);
    this.#worker.onmessage = (ev: MessageEvent<FromWorker>) => this.#onMessage(ev.data);
    this.#worker.onerror = (ev) => this.onError(ev.message || 'analysis worker failed');
  }

  /** Sends what changed since the last call. `keys[i]` identifies exchange i's content. */
  sync(exchanges: Exchange[], keys: string[], source: SourceInfo): void {
    const sent = this.#sentKeys;
    // Oldest rows dropped by the capture's bound: the new list starts further into the sent one.
    const drop = keys.length > 0 && sent.length > 0 && sent[0] !== keys[0] ? sent.indexOf(keys[0]!) : 0;
    const kept = sent.length - Math.max(0, drop);
    let prefixSame = drop >= 0 && keys.length >= kept;
    for (let i = 0; prefixSame && i < kept; i++) prefixSame = sent[drop + i] === keys[i];
    if (prefixSame && drop === 0 && keys.length === sent.length) return;
    this.#generation++;
    if (prefixSame && kept > 0) {
      if (drop > 0) this.#post({ type: 'trim', generation: this.#generation, count: drop });
      if (keys.length > kept) this.#post({ type: 'append', generation: this.#generation, exchanges: exchanges.slice(kept) });
    } else {
      this.#post({ type: 'reset', generation: this.#generation, exchanges, source });
    }
    this.#sentKeys = keys;
  }

  importHar(text: string, name: string): void {
    this.#generation++;
    this.#sentKeys = [];
    this.#post({ type: 'import-har', generation: this.#generation, text, name });
  }

  /** Forget what was sent (an imported file replaces the live view; the next sync resends). */
  forget(): void {
    this.#generation++;
    this.#sentKeys = [];
  }

  /** Events the panel has been shown so far (for tests and the bench). */
  get events(): readonly ReportEvent[] {
    return this.#events;
  }

  settings(settings: AdviceSettings): void {
    this.#post({ type: 'settings', settings });
  }

  detail(eventIndex: number): Promise<EventDetail | null> {
    return this.#request({ type: 'detail', requestId: 0, eventIndex }).then((m) => (m.type === 'detail' ? m.detail : null));
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

  /** The last messages both ways (type, generation, events), for diagnosing a stale view in tests. */
  readonly log: string[] = [];

  /** The worker's partial view (new events only) -> the view with every event. */
  #complete(view: AnalysisView): AnalysisView {
    const { trimmed, eventsFrom } = view;
    let kept = eventsFrom === 0 ? [] : this.#events.slice(trimmed, trimmed + eventsFrom);
    if (trimmed > 0) kept = kept.map((e, index) => ({ ...e, index }));
    const added = view.report.events;
    for (let i = 0; i < added.length; i++) kept.push(this.#compactor.compact(added[i]!));
    this.#events = kept;
    return { ...view, report: { ...view.report, events: this.#events } };
  }

  #note(line: string): void {
    this.log.push(line);
    if (this.log.length > 50) this.log.shift();
  }

  #post(msg: ToWorker): void {
    this.#note(`-> ${msg.type} ${'generation' in msg ? msg.generation : ''} ${'exchanges' in msg ? msg.exchanges.length : ''}`);
    this.#worker.postMessage(msg);
  }

  #onMessage(m: FromWorker): void {
    this.#note(`<- ${m.type} ${'generation' in m ? m.generation : ''} ${m.type === 'analysis' ? `${m.view.eventsFrom}+${m.view.report.events.length}` : ''} (current ${this.#generation})`);
    if ((m.type === 'detail' || m.type === 'export' || m.type === 'error') && m.requestId !== undefined) {
      const done = this.#pending.get(m.requestId);
      this.#pending.delete(m.requestId);
      done?.(m);
      return;
    }
    if (m.type === 'analysis') {
      // Every view updates the list (each builds on the one before); only the current one is shown.
      const view = this.#complete(m.view);
      if (m.generation === this.#generation) this.onView(view);
    }
    if (m.type === 'error' && (m.generation === undefined || m.generation === this.#generation)) this.onError(m.message);
  }
}
