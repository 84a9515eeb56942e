import type { MergedExchange } from '../../../src/core';

/**
 * When a logged row of the capture store (capture-store.ts) is settled: the rules that decide how
 * long it stays open to a late copy from the other capture path. Pure.
 */

/** An ended exchange whose twin from the other capture path has not come is final after this. */
export const FINAL_AFTER_MS = 5_000;
/**
 * How long a row waits for the hook to end an exchange DevTools saw finish: DevTools' copy is not
 * made final (nor its body read) before, so the hook's copy, when it comes, replaces it. The hook
 * is normally first, but it hears of the end only in a task of the page's after Mesop's own work
 * on the response, and that work is long on a big state: on an idle 2-core machine the hook's end
 * of a 21.3 MB response came 3.7-4.2 s after the response ended (Mesop's decode and render, then
 * the user's next click, ran first), and CI at load is slower. A row DevTools has whole (its SSE
 * events) is shown meanwhile and waits HOOK_GRACE_MS; a row DevTools has without its body holds
 * back the rows after it (capture-store.ts), so its body is read after HELD_GRACE_MS. Only rows whose
 * hook copy never ends (a navigation mid-request) pay the whole wait.
 */
export const HOOK_GRACE_MS = 30_000;
export const HELD_GRACE_MS = 10_000;

/** The row's hook copy started and has not ended, within its grace: the hook's copy is awaited. */
export function awaitsHook(row: MergedExchange, pendingHookIds: ReadonlySet<string>, now: number): boolean {
  return (
    row.sourceIds.hook !== undefined &&
    pendingHookIds.has(row.sourceIds.hook) &&
    now - (row.exchange.endedAt ?? now) <= (row.complete ? HOOK_GRACE_MS : HELD_GRACE_MS)
  );
}

/**
 * Settled: nothing more can arrive for this row. A WebSocket row also needs its socket path to say
 * the exchange takes no more frames (the hook's `pending`, or DevTools' still-open socket for a
 * row only the network path saw); its frames are then dropped (live-socket.ts). A row both paths
 * saw is settled once one of them has the whole response; until then (the hook kept a frame too
 * big to carry as its size, DevTools' next getHAR() poll brings it whole) it waits like a row of one.
 */
export function isFinal(row: MergedExchange, now: number, networkOpen: ReadonlySet<string>): boolean {
  if (row.pending) return false;
  if (row.sources.length === 1 && row.sourceIds.network !== undefined && networkOpen.has(row.sourceIds.network))
    return false;
  if (row.sources.length === 2 && row.complete) return true;
  return now - (row.exchange.endedAt ?? row.exchange.startedAt) > FINAL_AFTER_MS;
}
