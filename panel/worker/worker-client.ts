import type { Exchange } from '../../src/core/decode/exchange';
import type { PayloadReport } from '../../src/core/report/report-types';
import type { AdviceSettings, AnalysisView, EventDetail, ExportFormat, FromWorker, SourceInfo, ToWorker } from './messages';
import type { RenderedExport } from '../export/render-export';

/**
 * The panel's side of the analysis worker. Exchanges are sent incrementally: when the captured
 * list only grew, just the new ones cross over (bodies can be megabytes); any other change
 * (cleared, a row replaced by its merged form) resends all. Answers older than the latest
 * generation are dropped.
 */
export class WorkerClient {
  #worker: Worker;
  #generation = 0;
  #sentKeys: string[] = [];
  #requestId = 0;
  #pending = new Map<number, (m: FromWorker) => void>();
  onView: (view: AnalysisView) => void = () => undefined;
  onError: (message: string) => void = () => undefined;

  constructor(url: string) {
    this.#worker = new Worker(url);
    this.#worker.onmessage = (ev: MessageEvent<FromWorker>) => this.#onMessage(ev.data);
    this.#worker.onerror = (ev) => this.onError(ev.message || 'analysis worker failed');
  }

  /** Sends what changed since the last call. `keys[i]` identifies exchange i's content. */
  sync(exchanges: Exchange[], keys: string[], source: SourceInfo): void {
    const prefixSame = keys.length >= this.#sentKeys.length && this.#sentKeys.every((k, i) => keys[i] === k);
    if (prefixSame && keys.length === this.#sentKeys.length) return;
    this.#generation++;
    if (prefixSame && this.#sentKeys.length > 0) {
      this.#post({ type: 'append', generation: this.#generation, exchanges: exchanges.slice(this.#sentKeys.length) });
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

  #note(line: string): void {
    this.log.push(line);
    if (this.log.length > 50) this.log.shift();
  }

  #post(msg: ToWorker): void {
    this.#note(`-> ${msg.type} ${'generation' in msg ? msg.generation : ''} ${'exchanges' in msg ? msg.exchanges.length : ''}`);
    this.#worker.postMessage(msg);
  }

  #onMessage(m: FromWorker): void {
    this.#note(`<- ${m.type} ${'generation' in m ? m.generation : ''} ${m.type === 'analysis' ? m.view.report.events.length : ''} (current ${this.#generation})`);
    if ((m.type === 'detail' || m.type === 'export' || m.type === 'error') && m.requestId !== undefined) {
      const done = this.#pending.get(m.requestId);
      this.#pending.delete(m.requestId);
      done?.(m);
      return;
    }
    if (m.type === 'analysis' && m.generation === this.#generation) this.onView(m.view);
    if (m.type === 'error' && (m.generation === undefined || m.generation === this.#generation)) this.onError(m.message);
  }
}
