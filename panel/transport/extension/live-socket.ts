import { dropPairedExchanges, type Exchange, pairWebSocketFramesLive, type WebSocketFrame } from '../../../src/core';

/**
 * One Mesop WebSocket as a capture path sees it (the hook frame by frame, DevTools' HAR as a whole
 * list). Frames carry no request id, so exchanges are re-paired from the frames on each update;
 * to keep that cheap and the panel's memory bounded on a socket that lives as long as the page,
 * the frames of exchanges whose rows became final are dropped (in order, from the first), and
 * the ids of the rest stay what they were (`firstIndex`).
 */
export class LiveSocket {
  #frames: WebSocketFrame[] = [];
  /** Frames of the exchanges not yet final, in capture order (read-only: changes go through add/replaceAll). */
  get frames(): readonly WebSocketFrame[] {
    return this.#frames;
  }
  /** Exchanges finalized and dropped from `frames`, from the socket's first. */
  done = 0;
  /** Frames the whole socket has had (the HAR path re-reads them all: unchanged means no work). */
  totalFrames = 0;
  closed = false;
  /** Final rows not yet dropped, because an earlier exchange of this socket is not final yet. */
  readonly #finalIds = new Set<string>();
  /**
   * The pairing of `frames`, until they change: each capture update asks for the exchanges, the
   * open ones and the final prefix, and only new frames or a drop change the answer.
   */
  #paired: ReturnType<typeof pairWebSocketFramesLive> | undefined;
  #url: string;

  constructor(
    url: string,
    private readonly idPrefix: string,
  ) {
    this.#url = url;
  }

  get url(): string {
    return this.#url;
  }
  set url(url: string) {
    if (url !== this.#url) this.#paired = undefined;
    this.#url = url;
  }

  /** A frame from the hook, inserted by its sequence number (a backlog may repeat or reorder). */
  add(frame: WebSocketFrame): void {
    this.totalFrames++;
    let i = this.#frames.length;
    while (i > 0 && order(this.#frames[i - 1]!) > order(frame)) i--;
    this.#frames.splice(i, 0, frame);
    this.#paired = undefined;
  }

  /** The whole frame list again (DevTools' HAR): keep only what follows the dropped exchanges. */
  replaceAll(all: readonly WebSocketFrame[]): void {
    this.totalFrames = all.length;
    this.#frames = dropPairedExchanges(all, this.done);
    this.#paired = undefined;
    // A row can become final before this path saw its end (the hook was first): drop it now.
    if (this.#finalIds.size) this.#dropFinalPrefix();
  }

  /** Exchanges not final yet, and which of them may still receive frames. */
  exchanges(): { exchanges: Exchange[]; open: Set<Exchange> } {
    const { exchanges, open } = this.#pairing();
    return { exchanges: exchanges.filter((e) => !this.#finalIds.has(e.id)), open };
  }

  /** The row of exchange `id` is final: drop its frames once every earlier exchange is final too. */
  finalize(id: string): boolean {
    if (!id.startsWith(`${this.idPrefix}#`)) return false;
    this.#finalIds.add(id);
    this.#dropFinalPrefix();
    return true;
  }

  #pairing(): ReturnType<typeof pairWebSocketFramesLive> {
    return (this.#paired ??= pairWebSocketFramesLive(this.#frames, this.#url, this.idPrefix, this.done));
  }

  #dropFinalPrefix(): void {
    const { exchanges, open } = this.#pairing();
    let n = 0;
    while (n < exchanges.length && this.#finalIds.has(exchanges[n]!.id) && !open.has(exchanges[n]!))
      this.#finalIds.delete(exchanges[n++]!.id);
    if (n > 0) {
      this.#frames = dropPairedExchanges(this.#frames, n);
      this.done += n;
      this.#paired = undefined;
    }
  }
}

/** Hook frames are numbered per socket; HAR frames are already in order (time is the fallback). */
function order(f: WebSocketFrame): number {
  return f.seq ?? f.time;
}
