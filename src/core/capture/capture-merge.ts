import type { Exchange } from './exchange';
import { splitSse, STREAM_END } from './sse';

/**
 * Merges the exchanges two capture paths saw into one list where every Mesop event appears once.
 *
 * - `hook`: the page's main-world XHR/WebSocket wrappers. Primary: it sees events from document
 *   start (before DevTools or the panel opened), reads the SSE text before Mesop's abort() wipes
 *   it, and sees WebSocket frames live.
 * - `network`: the DevTools network API (onRequestFinished / getHAR). Independent of the page: it
 *   works where no hook runs (tab opened before the extension was installed, hosts without the
 *   content script), and cross-checks the hook.
 *
 * Matching: same transport, equal request bodies (when both were read), start times within
 * `toleranceMs`, taken greedily in time order so repeated identical bodies (a no-op button
 * clicked twice) pair first-with-first. When one side kept only the upload's size (Chromium keeps
 * no body over 20 MB, only its Content-Length), equal sizes on the same endpoint match within
 * SIZE_MATCH_TOLERANCE_MS. Nothing is ever dropped: unmatched exchanges stay as single-source
 * rows, and a row whose response could not be read says why in `problems`.
 */
export type CaptureSource = 'hook' | 'network';

export interface MergedExchange {
  /** Best data from the sources; id is the hook's when the hook saw it (stable while the network side arrives). */
  exchange: Exchange;
  sources: CaptureSource[];
  /** The id each source gave this exchange. */
  sourceIds: Partial<Record<CaptureSource, string>>;
  /** The response reached `<stream_end>` in the data we kept. */
  complete: boolean;
  /** The hook still waits for the response (no end yet). */
  pending: boolean;
  problems: string[];
}

export interface CaptureInput {
  hook: Exchange[];
  network: Exchange[];
  /** Hook exchange ids that have not ended yet. */
  pendingHookIds?: ReadonlySet<string>;
}

export const DEFAULT_MATCH_TOLERANCE_MS = 2000;
/**
 * The window for a match on the upload's size alone. DevTools dates a request when the network
 * service starts it, the hook when the page called send(); between the two the page hands the
 * body over, which takes time in proportion to it: 0.77 s for a 21.3 MB upload on an idle
 * machine (huge-state.e2e), over 2 s at load (the event then showed twice). Bodiless uploads are
 * the ones over 20 MB, so the window is wide; an equal size in characters keeps it safe.
 */
export const SIZE_MATCH_TOLERANCE_MS = 30_000;

/**
 * The `sources` lists, shared (and frozen) rather than built per row: the panel holds one merged
 * row per event for the whole session, and every array is two heap objects.
 */
const ONE_SOURCE: Record<CaptureSource, CaptureSource[]> = {
  hook: Object.freeze(['hook']) as CaptureSource[],
  network: Object.freeze(['network']) as CaptureSource[],
};
const BOTH_SOURCES = Object.freeze(['hook', 'network']) as CaptureSource[];

export function mergeCaptures(input: CaptureInput, toleranceMs = DEFAULT_MATCH_TOLERANCE_MS): MergedExchange[] {
  const hook = [...input.hook].sort(byStart);
  const network = [...input.network].sort(byStart);
  const pendingIds = input.pendingHookIds ?? new Set<string>();
  const taken = new Set<number>();
  const rows: MergedExchange[] = [];
  // Hook exchanges by request body: a live panel merges every few hundred ms, and scanning every
  // hook exchange for every network one was O(n x m). Null bodies match by path + time: scanned.
  const byBody = new Map<string, number[]>();
  const nullBodies: number[] = [];
  hook.forEach((h, idx) => {
    if (h.requestBody === null) {
      nullBodies.push(idx);
      return;
    }
    const list = byBody.get(h.requestBody);
    if (list) list.push(idx);
    else byBody.set(h.requestBody, [idx]);
  });
  const candidates = (net: Exchange): number[] => {
    if (net.requestBody === null) return hook.map((_, idx) => idx);
    const same = byBody.get(net.requestBody) ?? [];
    return nullBodies.length ? [...same, ...nullBodies].sort((a, b) => a - b) : same;
  };

  for (const net of network) {
    const i = candidates(net).find((idx) => !taken.has(idx) && sameEvent(hook[idx]!, net, toleranceMs)) ?? -1;
    if (i < 0) {
      rows.push(single(net, 'network', false));
      continue;
    }
    taken.add(i);
    rows.push(combine(hook[i]!, net, pendingIds.has(hook[i]!.id)));
  }
  hook.forEach((h, idx) => {
    if (!taken.has(idx)) rows.push(single(h, 'hook', pendingIds.has(h.id)));
  });
  return rows.sort((a, b) => byStart(a.exchange, b.exchange));
}

function byStart(a: Exchange, b: Exchange): number {
  return a.startedAt - b.startedAt;
}

/** The two capture paths' exchanges can be one event (see the matching rules above). */
export function sameEvent(a: Exchange, b: Exchange, toleranceMs = DEFAULT_MATCH_TOLERANCE_MS): boolean {
  if (a.transport !== b.transport) return false;
  const apart = Math.abs(a.startedAt - b.startedAt);
  if (a.requestBody !== null && b.requestBody !== null) return apart <= toleranceMs && a.requestBody === b.requestBody;
  // One body unreadable: its size, when kept, must agree; otherwise endpoint + time.
  const sizeA = requestSize(a);
  const sizeB = requestSize(b);
  const bySize = sizeA !== undefined && sizeB !== undefined;
  if (bySize && sizeA !== sizeB) return false;
  return (
    apart <= (bySize ? Math.max(toleranceMs, SIZE_MATCH_TOLERANCE_MS) : toleranceMs) && pathOf(a.url) === pathOf(b.url)
  );
}

/** The upload's size in characters: its body's, or the size a capture path kept without it. */
export function requestSize(ex: Exchange): number | undefined {
  return ex.requestBody?.length ?? ex.requestBytesNotCaptured;
}

/** How far apart in time an exchange's twin from the other capture path may have started. */
export function matchWindowMs(ex: Exchange): number {
  return ex.requestBody === null && ex.requestBytesNotCaptured !== undefined
    ? SIZE_MATCH_TOLERANCE_MS
    : DEFAULT_MATCH_TOLERANCE_MS;
}

function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
}

/** The `data:` payloads of a response, `<stream_end>` included when seen. */
export function responsePayloads(ex: Exchange): string[] {
  if (ex.responseText) return splitSse(ex.responseText).payloads.map((p) => p.data);
  return ex.responseMessages ?? [];
}

/**
 * Completeness per exchange object: a live capture merges its recent exchanges on every update,
 * and re-splitting each response (hundreds of kB for a big state) every time was most of the
 * cost. Capture paths keep an exchange object while its content is unchanged, so identity is the
 * key. Only the answer is kept: caching the payloads themselves (copies of the base64) doubled
 * the panel's memory per held event (290 -> 547 kB at 200 kB states).
 */
const completeCache = new WeakMap<Exchange, { text: string | null; messages: number; complete: boolean }>();

export function isComplete(ex: Exchange): boolean {
  const messages = ex.responseMessages?.length ?? 0;
  const cached = completeCache.get(ex);
  if (cached && cached.text === ex.responseText && cached.messages === messages) return cached.complete;
  const complete = responsePayloads(ex).includes(STREAM_END);
  completeCache.set(ex, { text: ex.responseText, messages, complete });
  return complete;
}

/**
 * The whole response is here: it ended (`<stream_end>`) and no part of it was kept as a size only
 * (a WebSocket frame too big for the hook to carry is skipped, with its size, and the exchange
 * still sees the `<stream_end>` that follows it).
 */
function isWhole(ex: Exchange): boolean {
  return ex.responseBytesNotCaptured === undefined && isComplete(ex);
}

function single(ex: Exchange, source: CaptureSource, pending: boolean): MergedExchange {
  const complete = isWhole(ex);
  const problems: string[] = [];
  // A part kept as a size only is already said by the exchange's note and its decode.
  if (!complete && !pending && !(isComplete(ex) && ex.responseBytesNotCaptured !== undefined))
    problems.push(missingReason(ex, source));
  if (source === 'network' && ex.requestBody === null) problems.push('request body not captured');
  return {
    exchange: ex,
    sources: ONE_SOURCE[source],
    sourceIds: { [source]: ex.id },
    complete,
    pending: pending && !complete,
    problems,
  };
}

function missingReason(ex: Exchange, source: CaptureSource): string {
  const payloads = responsePayloads(ex);
  const what =
    ex.responseBytesNotCaptured !== undefined
      ? `response of ${ex.responseBytesNotCaptured} characters not captured`
      : payloads.length
        ? `response cut after ${payloads.length} message(s), no <stream_end>`
        : 'response body not captured';
  return `${what} (${source}${ex.captureNote ? `: ${ex.captureNote}` : ''})`;
}

function combine(hook: Exchange, net: Exchange, hookPending: boolean): MergedExchange {
  const hookDone = isWhole(hook);
  const netDone = isWhole(net);
  const best = hookDone || !netDone ? hook : net;
  const problems: string[] = [];
  if (hookDone && netDone && !samePayloads(hook, net)) {
    problems.push("hook and DevTools network responses differ; showing the hook's");
  }
  if (!hookDone && !netDone && !hookPending) {
    problems.push(missingReason(hook, 'hook'), missingReason(net, 'network'));
  }
  // The network note (net::ERR_ABORTED on Mesop's own abort) is noise once the hook had the whole
  // body; the hook's own note stays while it explains what is missing. Left out rather than
  // deleted: `delete` turns the object into a slow dictionary, and the panel holds one merged
  // exchange per event for the whole session.
  const { captureNote, ...fields } = best;
  const exchange: Exchange = {
    ...fields,
    ...((best === hook && hookDone) || captureNote === undefined ? {} : { captureNote }),
    id: hook.id,
    requestBody: hook.requestBody ?? net.requestBody,
    status: net.status ?? hook.status,
    endedAt: best.endedAt ?? hook.endedAt ?? net.endedAt,
  };
  // The message times stay with the body they date (best's); a first byte either side saw will do.
  const firstByteAt = best.firstByteAt ?? hook.firstByteAt ?? net.firstByteAt;
  if (firstByteAt !== undefined) exchange.firstByteAt = firstByteAt;
  const complete = hookDone || netDone;
  return {
    exchange,
    sources: BOTH_SOURCES,
    sourceIds: { hook: hook.id, network: net.id },
    complete,
    pending: hookPending && !complete,
    problems,
  };
}

function samePayloads(a: Exchange, b: Exchange): boolean {
  const pa = responsePayloads(a);
  const pb = responsePayloads(b);
  return pa.length === pb.length && pa.every((p, i) => p === pb[i]);
}
