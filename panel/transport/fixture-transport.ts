import { type Exchange, harToExchanges, mergeCaptures } from '../../src/core';
import type { PageInfo } from '../../src/extension/protocol';
import { localStore, type CaptureSnapshot, type PanelTransport } from './transport';

/**
 * Replays recorded exchanges (test/fixtures/*.har) into the panel in a plain page: no extension,
 * no DevTools. Tests drive it through `window.__fixture` (load a HAR, add events one by one,
 * simulate a navigation). Rows go through the same merge as live capture, as network-only rows.
 */
export class FixtureTransport implements PanelTransport {
  readonly kind = 'fixture';
  readonly workerUrl: string;
  readonly storage = localStore();
  readonly theme: 'light' | 'dark';
  #exchanges: Exchange[] = [];
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
    this.#exchanges = harToExchanges(har).exchanges;
    this.#page = page;
    this.#emit();
    return this.#exchanges.length;
  }

  add(...exchanges: Exchange[]): void {
    this.#exchanges.push(...exchanges);
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
      rows: mergeCaptures({ hook: [], network: this.#exchanges }),
      page: this.#page,
      navigations: [...this.#navigations],
      dropped: 0,
      droppedStarts: [],
      panelStartedAt: this.#startedAt,
      entriesBeforePanel: 0,
    });
  }
}
