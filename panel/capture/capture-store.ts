import { mergeCaptures, type MergedExchange } from '../../src/core/decode/capture-merge';
import { HookSource } from './hook-source';
import { NetworkSource } from './network-source';

/**
 * Both capture paths and their merge (src/core/decode/capture-merge.ts). The merge is recomputed
 * from the full inputs after a short debounce: it is pure and cheap for the hundreds of events of a
 * session, and a re-run can never double-count.
 */
export class CaptureStore {
  readonly hook: HookSource;
  readonly network: NetworkSource;
  rows: MergedExchange[] = [];
  #listeners = new Set<() => void>();
  #scheduled = false;

  constructor(tabId: number) {
    const changed = () => this.#schedule();
    this.hook = new HookSource(tabId, changed);
    this.network = new NetworkSource(changed);
  }

  start(): void {
    this.hook.connect();
    this.network.start();
  }

  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      const { exchanges, pending } = this.hook.exchanges();
      this.rows = mergeCaptures({ hook: exchanges, network: this.network.exchanges(), pendingHookIds: pending });
      this.#listeners.forEach((fn) => fn());
    }, 30);
  }
}
