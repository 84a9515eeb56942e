import {
  DEFAULT_MATCH_TOLERANCE_MS,
  type Exchange,
  ExchangeLog,
  matchWindowMs,
  mergeCaptures,
  type MergedExchange,
  requestSize,
  sameEvent,
  SIZE_MATCH_TOLERANCE_MS,
  utf8Length,
} from '../../../src/core';
import { CAPTURE_LIMITS, charsOf, DROP_TO, sizesOnly, type CaptureLimits } from './capture-limits';
import { HookSource } from './hook-source';
import { awaitsHook, FINAL_AFTER_MS, isFinal } from './row-settling';
import { NetworkSource } from './network-source';

/**
 * Port messages are gathered for this long before they are merged into the log (a merge looks at
 * every recent exchange of both paths): at most 5 merges a second however fast chunks come. It
 * does not pace redraws: the analysis worker's timer does (docs/architecture.md).
 */
const UPDATE_MS = 200;
/** Dropped rows remembered until their DevTools twin comes (see #droppedAwaitingTwin). */
const MAX_AWAITING_TWIN = 1_000;

/** Enough of a request body to tell it from its neighbours, without keeping its megabytes. */
function bodyFingerprint(body: string | null): string | null {
  return body === null ? null : `${body.length}:${body.slice(0, 32)}:${body.slice(-32)}`;
}

/** A request in flight for longer than this no longer holds back the exchanges after it. */
const PENDING_BLOCKS_MS = 15_000;

/**
 * Both capture paths, their merge (src/core/capture/capture-merge.ts), and the panel's one capture
 * log (src/core/capture/exchange-log.ts). An exchange enters the log, numbered, once no path still
 * waits for it (its response ended, its DevTools body is not being read), in start order: one in
 * flight holds back those after it, so the analysis reads events in the order the server saw them
 * (for up to PENDING_BLOCKS_MS). A logged row stays open to the other capture path until final:
 * the hook saw the end and DevTools saw the same request (or did not within FINAL_AFTER_MS); then
 * its sources forget it, so each update merges only the few recent exchanges. A network entry
 * that comes after its hook twin was made final still joins that row.
 */
export class CaptureStore {
  readonly hook: HookSource;
  readonly network: NetworkSource;
  /** The one log the worker, the list and the chart follow by sequence number. */
  readonly log = new ExchangeLog();
  /** `maxEvents` follows the panel's setting (PanelTransport.keepEvents). */
  limits: CaptureLimits = { ...CAPTURE_LIMITS };
  /**
   * Start times of the events dropped (oldest first) to stay within `limits`, ascending: the panel
   * counts those of the log it shows (a navigation or a clear starts a new one). 8 bytes each.
   */
  readonly droppedStarts: number[] = [];
  /** Requests seen and not in the log yet (in flight, or held back by one in flight). */
  inFlight = 0;
  /** Logged rows not final yet, by each of their source ids. */
  #open = new Map<string, number>();
  /**
   * Rows the bound dropped before DevTools' copy of them came: the network path can be seconds
   * late on a loaded machine, past FINAL_AFTER_MS, and its late entry would otherwise become an
   * event of its own (a duplicate of one already counted as dropped).
   */
  readonly #droppedAwaitingTwin: { startedAt: number; body: string | null; size: number | undefined }[] = [];
  #chars = 0;
  #listeners = new Set<() => void>();
  #scheduled = false;
  #recheck: ReturnType<typeof setTimeout> | undefined;

  constructor(tabId: number) {
    const changed = () => this.#schedule();
    this.hook = new HookSource(tabId, changed);
    this.network = new NetworkSource(changed);
    // Poll DevTools' HAR for open sockets unless the hook says the page runs Mesop over SSE.
    this.network.mayHaveSockets = () =>
      this.hook.sockets.size > 0 || this.network.sockets.size > 0 || this.hook.page?.websocketsEnabled !== false;
  }

  start(): void {
    this.hook.start();
    this.network.start();
  }

  /** The panel's "keep the newest N events" setting: applied at the next update, which this asks for. */
  keepEvents(maxEvents: number): void {
    if (maxEvents === this.limits.maxEvents) return;
    this.limits = { ...this.limits, maxEvents };
    this.#schedule();
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
      this.#update();
      this.#listeners.forEach((fn) => fn());
    }, UPDATE_MS);
  }

  #update(now = Date.now()): void {
    this.#joinLateTwins();
    const { exchanges, pending } = this.hook.exchanges();
    const recent = mergeCaptures({ hook: exchanges, network: this.network.exchanges(), pendingHookIds: pending });
    const awaitingHook = (row: MergedExchange) => awaitsHook(row, pending, now);
    const netOpen = this.network.openSocketExchanges();
    // A row whose DevTools body is being read waits for it (the read may even have answered already:
    // the merge above did not see it).
    const reading = new Set(
      recent.filter((row) => (!awaitingHook(row) && this.#readBodyIfNeeded(row)) || this.#readingBody(row)),
    );
    const open = new Map<string, number>();
    let finalSoFar = true;
    let blocked = false;
    let inFlight = 0;
    for (const row of recent) {
      const final = (finalSoFar &&= isFinal(row, now, netOpen) && !reading.has(row) && !awaitingHook(row));
      let seq = this.#seqOf(row);
      if (seq !== undefined) this.#replace(seq, row);
      else if (!blocked && (final || (!row.pending && !reading.has(row) && !netOpen.has(row.sourceIds.network ?? ''))))
        seq = this.#append(row);
      else {
        inFlight++;
        if (now - row.exchange.startedAt < PENDING_BLOCKS_MS) blocked = true;
        continue;
      }
      if (final) {
        if (row.sourceIds.hook) this.hook.finalize(row.sourceIds.hook);
        if (row.sourceIds.network) this.network.finalize(row.sourceIds.network);
      } else {
        for (const id of Object.values(row.sourceIds)) open.set(id, seq);
      }
    }
    this.#open = open;
    this.inFlight = inFlight;
    this.#bound();
    // Rows waiting only for time to become final: look again when it has passed.
    clearTimeout(this.#recheck);
    if (open.size > 0 || inFlight > 0) this.#recheck = setTimeout(() => this.#schedule(), FINAL_AFTER_MS);
  }

  /**
   * A row whose bodies alone are over the panel's memory cap keeps their sizes only (a 133 MB
   * response DevTools kept as SSE events): kept whole, the bound would drop it, and every older
   * row, at once, and the panel would show nothing of the event it is about.
   */
  #withinCap(row: MergedExchange): MergedExchange {
    const cap = this.limits.maxChars * DROP_TO;
    return charsOf(row) <= cap ? row : { ...row, exchange: sizesOnly(row.exchange, this.limits.maxChars) };
  }

  #seqOf(row: MergedExchange): number | undefined {
    const { hook, network } = row.sourceIds;
    return (
      (hook !== undefined ? this.#open.get(hook) : undefined) ??
      (network !== undefined ? this.#open.get(network) : undefined)
    );
  }

  #append(row: MergedExchange): number {
    const entry = this.log.append(this.#withinCap(row));
    this.#chars += charsOf(entry);
    return entry.seq;
  }

  #replace(seq: number, row: MergedExchange): void {
    const old = this.log.get(seq);
    const entry = this.log.replace(seq, this.#withinCap(row));
    if (old && entry) this.#chars += charsOf(entry) - charsOf(old);
  }

  #twinWasDropped(net: Exchange): boolean {
    if (net.transport !== 'sse' || this.#droppedAwaitingTwin.length === 0) return false;
    const body = bodyFingerprint(net.requestBody);
    const size = requestSize(net);
    // The rules of sameEvent, on what is kept of a dropped row: its body's fingerprint and size.
    const i = this.#droppedAwaitingTwin.findIndex((d) => {
      const apart = Math.abs(d.startedAt - net.startedAt);
      if (body !== null && d.body !== null) return apart <= DEFAULT_MATCH_TOLERANCE_MS && d.body === body;
      if (size !== undefined && d.size !== undefined) return apart <= SIZE_MATCH_TOLERANCE_MS && d.size === size;
      return apart <= DEFAULT_MATCH_TOLERANCE_MS;
    });
    if (i < 0) return false;
    this.#droppedAwaitingTwin.splice(i, 1);
    return true;
  }

  /**
   * The DevTools path's body is read only when the row needs it (NetworkSource.readContent): no
   * hook twin; the hook's response cut or missing; the hook still not ended well after DevTools
   * saw the end; or the hook's response of another size than DevTools recorded (then the merge
   * compares the two and flags a difference). Not asked while the hook's copy is awaited (#update).
   */
  #readBodyIfNeeded(row: MergedExchange): boolean {
    const netId = row.sourceIds.network;
    if (!netId || row.exchange.transport !== 'sse' || this.network.contentState(netId) !== 'deferred') return false;
    let needed: boolean;
    // (A pending row here is one whose hook copy did not end within the grace.)
    if (row.sources.length === 1 || row.pending || !row.complete || row.exchange.responseText === null) needed = true;
    else {
      const recorded = this.network.recordedSize(netId);
      needed = recorded > 0 && recorded !== utf8Length(row.exchange.responseText);
    }
    if (needed) this.network.fetchContent(netId);
    return needed;
  }

  #readingBody(row: MergedExchange): boolean {
    const netId = row.sourceIds.network;
    return netId !== undefined && this.network.contentState(netId) === 'fetching';
  }

  /** Drops the oldest final rows past the limits. */
  #bound(): void {
    const { maxEvents, maxChars } = this.limits;
    const entries = this.log.entries;
    if (entries.length <= maxEvents && this.#chars <= maxChars) return;
    const openSeqs = new Set(this.#open.values());
    let n = 0;
    let chars = this.#chars;
    while (
      n < entries.length &&
      !openSeqs.has(entries[n]!.seq) &&
      (entries.length - n > maxEvents * DROP_TO || chars > maxChars * DROP_TO)
    )
      chars -= charsOf(entries[n++]!);
    for (const row of this.log.dropOldest(n)) {
      this.droppedStarts.push(row.exchange.startedAt);
      if (row.sources.length === 1 && row.sources[0] === 'hook') {
        this.#droppedAwaitingTwin.push({
          startedAt: row.exchange.startedAt,
          body: bodyFingerprint(row.exchange.requestBody),
          size: requestSize(row.exchange),
        });
      }
    }
    if (this.#droppedAwaitingTwin.length > MAX_AWAITING_TWIN)
      this.#droppedAwaitingTwin.splice(0, this.#droppedAwaitingTwin.length - MAX_AWAITING_TWIN);
    this.#chars = chars;
  }

  /**
   * A network entry whose hook twin is already final (the network path can be late) completes that
   * row; one whose twin was already dropped by the bound is forgotten (it was counted as dropped).
   */
  #joinLateTwins(): void {
    const entries = this.log.entries;
    if (entries.length === 0 && this.#droppedAwaitingTwin.length === 0) return;
    for (const net of this.network.exchanges()) {
      if (this.#twinWasDropped(net)) {
        this.network.finalize(net.id);
        continue;
      }
      // Back through the logged rows as far as this entry's twin can be: 2 s, or the wider window
      // of a match on size alone when DevTools kept no body. (A hook row without its body is one
      // too big to carry from the page, so DevTools, over its 20 MB limit, has none either.)
      const window = matchWindowMs(net);
      for (let i = entries.length - 1; i >= 0; i--) {
        const row = entries[i]!;
        if (row.exchange.startedAt < net.startedAt - window) break;
        if (
          row.sources.length !== 1 ||
          row.sources[0] !== 'hook' ||
          this.#open.has(row.sourceIds.hook!) ||
          !sameEvent(row.exchange, net)
        )
          continue;
        const asHookSaw: Exchange = { ...row.exchange, id: row.sourceIds.hook!, captureNote: row.sourceNote };
        const [merged, ...rest] = mergeCaptures({ hook: [asHookSaw], network: [net] });
        if (rest.length || merged?.sources.length !== 2) continue;
        this.#replace(row.seq, merged);
        this.network.finalize(net.id);
        break;
      }
    }
  }
}
