import type { Capture } from './cdp-capture';

export interface IdleOptions {
  /** Value of `capture.activity().started` taken before the action (default: now). */
  since?: number;
  /** UI requests that must have started after `since` (default 0). */
  minNew?: number;
  /**
   * Quiet time with no UI network event (ms, default 200). Mesop's client sends a queued event
   * right after it processed `<stream_end>` (and retries after "Token not found..." the same way),
   * so "nothing in flight" alone can be a gap between two requests of one user action.
   */
  quietMs?: number;
  /** Give up after this long (ms, default 30000) with an error naming what is still in flight. */
  timeoutMs?: number;
}

/**
 * Resolves when the page's Mesop traffic has settled: at least `minNew` UI requests started since
 * `since`, no `/__ui__` request in flight (SSE loading, WebSocket request without `<stream_end>`),
 * no capture call (post data, body) pending, and no UI network event for `quietMs`.
 */
export async function waitForMesopIdle(capture: Capture, options: IdleOptions = {}): Promise<void> {
  const since = options.since ?? capture.activity().started;
  const minNew = options.minNew ?? 0;
  const quietMs = options.quietMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = capture.activity();
    const now = Date.now();
    const enough = a.started - since >= minNew;
    if (enough && a.busy.length === 0 && now - a.lastActivityAt >= quietMs) return;
    if (now > deadline) {
      const why = !enough ? `${a.started - since} of ${minNew} expected UI request(s) started` : a.busy.join('; ') || 'network not quiet';
      throw new Error(`Mesop traffic did not settle within ${timeoutMs} ms: ${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs a user action and waits until the Mesop traffic it caused (>= `minNew` requests) has settled. */
export async function settle(capture: Capture, action: () => Promise<unknown>, options: Omit<IdleOptions, 'since'> = {}): Promise<void> {
  const since = capture.activity().started;
  await action();
  await waitForMesopIdle(capture, { minNew: 1, ...options, since });
}
