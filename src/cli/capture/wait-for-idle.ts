import type { SessionCapture as Capture } from './capture-types';

export interface IdleOptions {
  /** `capture.activity().started` before the action (default: now). */
  since?: number;
  /** Date.now() when the action returned: the quiet window starts no earlier (default: now). */
  actionEndedAt?: number;
  /** UI requests the action must have caused (default 0). */
  expectRequests?: number;
  /** Quiet window (ms, default QUIET_MS): how long no UI network event may arrive before the probe. */
  quietMs?: number;
  /** Give up after this long (ms, default 30000) with an error naming what is still in flight. */
  timeoutMs?: number;
}

export class IdleTimeout extends Error {}

/**
 * Default quiet window. It no longer has to cover CDP events "on their way" (the barrier runs on
 * the capture's own session, see Capture.barrier); it covers work the page schedules on short
 * timers after a response (Angular's change detection, a router navigation's follow-up event).
 * Mesop's components' own debounces (input 150 ms, slider 300 ms) are longer than any quiet
 * window worth paying per click: a step that types and must send its on_input event uses
 * `expectRequests: 1`.
 */
export const QUIET_MS = 20;
/** How often the network counters are read while waiting. */
const POLL_MS = 5;

/**
 * "Mesop is idle", reliably and without a blind sleep: at least `expectRequests` UI requests
 * started, none in flight (SSE loading, WebSocket request without `<stream_end>`), no capture call
 * pending, no UI network event for a short quiet window that starts no earlier than the action's
 * end, and then, after a main-thread barrier (Capture.barrier), still nothing new.
 *
 * The barrier is what makes a short window safe. Mesop's client does its work synchronously on the
 * page's main thread: it serializes the whole state before it sends an event (with a 1 MB image in
 * state, ~650 ms after the click returned; a network-only quiet window missed it) and applies a
 * response, then sends the next queued event, after `<stream_end>`. A probe task posted now runs
 * only after that work, and because it is answered on the same CDP session as the Network events,
 * every request the page started before it is already counted when its answer arrives.
 */
export async function waitForMesopIdle(capture: Capture, o: IdleOptions = {}): Promise<void> {
  const since = o.since ?? capture.activity().started;
  const quietMs = o.quietMs ?? QUIET_MS;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const expect = o.expectRequests ?? 0;
  const deadline = Date.now() + timeoutMs;
  let windowStart = o.actionEndedAt ?? Date.now();
  for (;;) {
    const a = capture.activity();
    const now = Date.now();
    const enough = a.started - since >= expect;
    if (enough && a.busy.length === 0 && now - Math.max(a.lastActivityAt, windowStart) >= quietMs) {
      await capture.barrier();
      const b = capture.activity();
      if (b.started === a.started && b.busy.length === 0 && b.lastActivityAt === a.lastActivityAt) return;
      windowStart = Date.now();
      continue;
    }
    if (now > deadline) {
      const why = !enough
        ? `${a.started - since} of ${expect} expected Mesop request(s) started`
        : a.busy.join('; ') || 'network not quiet';
      throw new IdleTimeout(`Mesop did not become idle within ${timeoutMs} ms: ${why}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Runs a user action and waits until the Mesop traffic it caused (at least one request) is over. */
export async function settle(
  capture: Capture,
  action: () => Promise<unknown>,
  options: Omit<IdleOptions, 'since' | 'actionEndedAt'> = {},
): Promise<void> {
  const since = capture.activity().started;
  await action();
  await waitForMesopIdle(capture, { expectRequests: 1, ...options, since, actionEndedAt: Date.now() });
}
