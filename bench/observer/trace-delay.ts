/**
 * How long the extension's hook holds up the app's own handler of a WebSocket frame, from a Chrome
 * trace of the page (category devtools.timeline). Each frame the page receives is marked by an
 * instant `WebSocketReceive` event on the page's main thread (its dataLength is the wire size,
 * compressed by permessage-deflate, so not used); the frame's listeners then run as top-level
 * `FunctionCall`s, in registration order (Chromium 156 traces no EventDispatch for them). The
 * hook's listeners (scripts under `chrome-extension://<id>/`) that run before the app's first
 * listener delay it by their duration; work a hook defers to a later task is not counted, since it
 * no longer delays the frame.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string } };
}

export interface FrameDelay {
  /** When the frame arrived, trace microseconds. */
  ts: number;
  /** The hook's listener time before the app's first listener ran, ms. */
  delayMs: number;
  /** The app's first listener's duration, ms (tells the frame that carried the state). */
  appMs: number;
}

interface Call {
  ts: number;
  end: number;
  url: string;
}

/** Delays of the frames `frameId`'s page received that reached an app listener. */
export function frameDelays(
  events: readonly TraceEvent[],
  frameId: string,
  isHookUrl: (url: string) => boolean,
): FrameDelay[] {
  const marks = events
    .filter((e) => e.name === 'WebSocketReceive' && e.args?.data?.frame === frameId)
    .sort((a, b) => a.ts - b.ts);
  if (!marks.length) return [];
  const { pid, tid } = marks[0]!;
  const calls = outermostCalls(events.filter((e) => e.pid === pid && e.tid === tid && e.name === 'FunctionCall'));
  const out: FrameDelay[] = [];
  marks.forEach((m, i) => {
    const until = marks[i + 1]?.ts ?? Infinity;
    let hookUs = 0;
    for (const c of calls) {
      if (c.ts < m.ts) continue;
      if (c.ts >= until) break;
      if (isHookUrl(c.url)) hookUs += c.end - c.ts;
      else {
        out.push({ ts: m.ts, delayMs: hookUs / 1000, appMs: (c.end - c.ts) / 1000 });
        break;
      }
    }
  });
  return out;
}

/**
 * FunctionCalls as spans, complete events ('X') as they are and begin/end pairs ('B'/'E') joined,
 * in time order, without the ones nested in another (a listener's duration is its outermost call).
 */
function outermostCalls(events: readonly TraceEvent[]): Call[] {
  const spans: Call[] = [];
  const open: TraceEvent[] = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    const url = e.args?.data?.url ?? '';
    if (e.ph === 'X') spans.push({ ts: e.ts, end: e.ts + (e.dur ?? 0), url });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ ts: b.ts, end: e.ts, url: b.args?.data?.url ?? url });
    }
  }
  spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const outer: Call[] = [];
  for (const c of spans) {
    const last = outer[outer.length - 1];
    if (last && c.end <= last.end) continue;
    outer.push(c);
  }
  return outer;
}
