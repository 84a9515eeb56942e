import type { Page } from 'puppeteer-core';
import type { Capture } from './cdp-capture';

export interface IdleOptions {
  /** `capture.activity().started` before the action (default: now). */
  since?: number;
  /** Date.now() when the action returned: the quiet window starts no earlier (default: now). */
  actionEndedAt?: number;
  /** UI requests the action must have caused (default 0). */
  expectRequests?: number;
  /** Quiet window (ms, default 60): how long no UI network event may arrive. */
  quietMs?: number;
  /** Give up after this long (ms, default 30000) with an error naming what is still in flight. */
  timeoutMs?: number;
}

export class IdleTimeout extends Error {}

/**
 * Resolves once the page's main thread has run the tasks queued before it. Mesop's client does its
 * work synchronously on that thread: it serializes the whole state before it sends an event (with
 * a 1 MB image in state, hundreds of ms after the click returned) and applies a response, then
 * sends the next queued event, after `<stream_end>`. A task posted now runs only after that work.
 */
export async function mainThreadBarrier(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(() => setTimeout(resolve, 0), 0)))
    .catch(() => undefined); // the action navigated away: the new page's init is what is waited for
}

/**
 * "Mesop is idle", reliably and without a blind sleep: at least `expectRequests` UI requests
 * started, none in flight (SSE loading, WebSocket request without `<stream_end>`), no capture call
 * pending, no UI network event for a short quiet window that starts no earlier than the action's
 * end, and then, after a main-thread barrier, still nothing new. The barrier is what makes a short
 * window safe: a click whose request is still being serialized, or an event queued behind a
 * response that is still being applied, shows up as a new request after it, and the wait goes on.
 * (A network-only quiet window missed the image app's click: its request left ~650 ms after the
 * click returned, while the client serialized 1 MB of state.)
 */
export async function waitForMesopIdle(capture: Capture, o: IdleOptions = {}): Promise<void> {
  const since = o.since ?? capture.activity().started;
  const quietMs = o.quietMs ?? 60;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const expect = o.expectRequests ?? 0;
  const deadline = Date.now() + timeoutMs;
  let windowStart = o.actionEndedAt ?? Date.now();
  for (;;) {
    const a = capture.activity();
    const now = Date.now();
    const enough = a.started - since >= expect;
    if (enough && a.busy.length === 0 && now - Math.max(a.lastActivityAt, windowStart) >= quietMs) {
      await mainThreadBarrier(capture.page);
      const b = capture.activity();
      if (b.started === a.started && b.busy.length === 0 && b.lastActivityAt === a.lastActivityAt) {
        // One more short window for CDP events that were on their way while the barrier ran.
        windowStart = Date.now();
        await new Promise((r) => setTimeout(r, Math.min(quietMs, 30)));
        const c = capture.activity();
        if (c.started === a.started && c.lastActivityAt === a.lastActivityAt) return;
      }
      windowStart = Date.now();
      continue;
    }
    if (now > deadline) {
      const why = !enough ? `${a.started - since} of ${expect} expected Mesop request(s) started` : a.busy.join('; ') || 'network not quiet';
      throw new IdleTimeout(`Mesop did not become idle within ${timeoutMs} ms: ${why}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs a user action and waits until the Mesop traffic it caused (at least one request) is over. */
export async function settle(capture: Capture, action: () => Promise<unknown>, options: Omit<IdleOptions, 'since' | 'actionEndedAt'> = {}): Promise<void> {
  const since = capture.activity().started;
  await action();
  await waitForMesopIdle(capture, { expectRequests: 1, ...options, since, actionEndedAt: Date.now() });
}
