import { type Exchange, ExchangeLog, harToExchanges, mergeCaptures } from '../../src/core';
import type { PageInfo } from '../../src/extension/protocol';
import { localStore, type CaptureSnapshot, type PanelTransport } from './transport';

/**
 * Replays recorded exchanges (test/fixtures/*.har) into the panel in a plain page: no extension,
 * no DevTools. Tests drive it through `window.__fixture` (load a HAR, add events one by one,
 * simulate a navigation). Rows go through the same merge and log as live capture, as network-only rows.
 */
export class FixtureTransport implements PanelTransport {
  readonly kind = 'fixture';
  readonly workerUrl: string;
  readonly storage = localStore();
  readonly theme: 'light' | 'dark';
  /** A new log per loaded HAR (the panel then starts again); added exchanges are appended to it. */
  #log = new ExchangeLog();
  #page: PageInfo | undefined;
  #navigations: number[] = [];
  #onChange: (s: CaptureSnapshot) => void = () => undefined;
  /** Recorded exchanges are not "before the panel": they are the whole recording. */
  readonly #startedAt = 0;

  constructor(opts: { workerUrl: string; theme?: 'light' | 'dark' }) {
    this.workerUrl = opts.workerUrl;
    this.theme = opts.theme ?? 'light';
  }

  start(onChange: (snapshot: CaptureSnapshot) => void): void {
    this.#onChange = onChange;
    this.#emit();
  }

  /** Replaces the capture with a HAR's exchanges; returns how many. */
  loadHar(har: string | unknown, page?: PageInfo): number {
    const { exchanges } = harToExchanges(har);
    this.#log = new ExchangeLog();
    this.#page = page;
    this.add(...exchanges);
    return exchanges.length;
  }

  add(...exchanges: Exchange[]): void {
    for (const row of mergeCaptures({ hook: [], network: exchanges })) this.#log.append(row);
    this.#emit();
  }

  setPage(page: PageInfo | undefined): void {
    this.#page = page;
    this.#emit();
  }

  navigate(at = Date.now()): void {
    this.#navigations.push(at);
    this.#emit();
  }

  #emit(): void {
    this.#onChange({
      log: this.#log,
      inFlight: 0,
      page: this.#page,
      navigations: [...this.#navigations],
      dropped: 0,
      sizesOnly: 0,
      droppedStarts: [],
      panelStartedAt: this.#startedAt,
      entriesBeforePanel: 0,
    });
  }
}
