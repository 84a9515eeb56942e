import { type ReportEvent, sum } from '../../src/core';

/** The stacked parts of one event's bar pair, in wire bytes. */
export const SERIES = [
  { id: 'upState', label: 'up: state', stack: 'up' },
  { id: 'upRest', label: 'up: rest', stack: 'up' },
  { id: 'downStateFull', label: 'down: state (full)', stack: 'down' },
  { id: 'downStateDiff', label: 'down: state (diff)', stack: 'down' },
  { id: 'downTree', label: 'down: component tree', stack: 'down' },
  { id: 'downRest', label: 'down: rest', stack: 'down' },
] as const;

export type SeriesId = (typeof SERIES)[number]['id'];

/**
 * Splits each direction's wire bytes (what the Network tab shows: base64 text) in proportion to
 * the decoded protobuf's byte account, so each bar is exactly the event's wire size and its parts
 * say where those bytes go. The exact decoded numbers are in the event list and the tooltip.
 */
export function seriesOf(e: ReportEvent): Record<SeriesId, number> {
  const up = e.request;
  const upState = sum(up.stateBytes);
  const upScale = up.protoBytes > 0 ? up.bytes / up.protoBytes : 0;
  const down = e.response;
  const downState = sum(down.stateBytes);
  const downScale = down.protoBytes > 0 ? down.bytes / down.protoBytes : 0;
  const upStateWire = Math.round(upState * upScale);
  const stateWire = Math.round(downState * downScale);
  const treeWire = Math.round(down.componentTreeBytes * downScale);
  return {
    upState: upStateWire,
    upRest: Math.max(0, up.bytes - upStateWire),
    downStateFull: down.stateDownload === 'full' ? stateWire : 0,
    downStateDiff: down.stateDownload === 'diff' ? stateWire : 0,
    downTree: treeWire,
    downRest: Math.max(0, down.bytes - stateWire - treeWire),
  };
}

/**
 * Most bars drawn at once; a longer session is shown through a window the user can move. A
 * Chart.js update costs about 0.1 ms per event drawn (6 stacked parts each) on the 2-core bench
 * machine, and it is one task that cannot be split: 120 bars keep it near 10 ms, 240 took 15-27 ms,
 * which the machine's load stretched past 50 ms (bench/panel-perf.ts). It now runs in the chart
 * worker, off the panel's main thread, but on the same cores as the analysis and the page.
 */
export const CHART_WINDOW = 120;

/** The window [start, end) of events to draw: from `start`, or the latest ones (live). */
export function chartWindow(count: number, start: number | undefined): [number, number] {
  if (count <= CHART_WINDOW) return [0, count];
  let s = start ?? count - CHART_WINDOW;
  s = Math.max(0, Math.min(count - CHART_WINDOW, Math.round(s)));
  return [s, s + CHART_WINDOW];
}
