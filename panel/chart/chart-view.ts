import { type ReportEvent, shortHandler } from '../../src/core';
import { SERIES, seriesOf } from './chart-data';
import { themeColor } from './theme-colors';
import type { ThresholdLine } from './threshold-plugin';

/**
 * Everything the payload chart draws, as plain data: built on the panel's main thread (it has the
 * events and the CSS colours) and drawn by Chart.js wherever it runs (the chart worker, or the
 * main thread when the browser cannot hand a canvas to a worker). A few kB to post.
 */
export interface ChartView {
  /** One per bar pair: `#<event index>` (a click on a bar selects that event). */
  labels: string[];
  /** The tooltip's title per bar pair: `#<index> <kind> <short handler>`. */
  titles: string[];
  /** Bytes per bar pair, one array per SERIES entry (same order). */
  series: number[][];
  /** Position of the selected event's bars; -1: selected but not in the window; undefined: none. */
  selection: number | undefined;
  thresholds: ThresholdLine[];
  suggestedMax: number;
  colors: { series: string[]; text: string; grid: string; background: string };
}

const SERIES_COLORS = [
  '--c-up-state',
  '--c-up-rest',
  '--c-down-full',
  '--c-down-diff',
  '--c-down-tree',
  '--c-down-rest',
];

export function chartView(
  shown: readonly ReportEvent[],
  selected: number | undefined,
  warn: number,
  error: number,
  theme: string,
): ChartView {
  const css = (name: string) => themeColor(theme, name);
  const data = shown.map(seriesOf);
  const at = shown.findIndex((e) => e.index === selected);
  const max = Math.max(
    1,
    ...data.map((d) => Math.max(d.upState + d.upRest, d.downStateFull + d.downStateDiff + d.downTree + d.downRest)),
  );
  // The thresholds are the state-upload ones: drawn on the upload bars only, and only where state
  // goes up (not in WebSocket mode, not with a session backend's token).
  const lines: ThresholdLine[] = uploadsState(shown)
    ? [
        { value: warn, label: 'warn state upload', color: css('--warn'), stack: 'up' },
        { value: error, label: 'error state upload', color: css('--error'), stack: 'up' },
      ]
    : [];
  const maxUp = Math.max(1, ...data.map((d) => d.upState + d.upRest));
  // A threshold far above every upload bar is not drawn: the scale would squash the bars.
  const thresholds = lines.filter((l) => l.value <= 2 * maxUp);
  return {
    labels: shown.map((e) => `#${e.index}`),
    titles: shown.map((e) => `#${e.index} ${e.kind} ${shortHandler(e.handlerId)}`),
    series: SERIES.map((s) => data.map((d) => d[s.id])),
    selection: selected === undefined ? undefined : at,
    thresholds,
    suggestedMax: Math.max(max, ...thresholds.map((l) => l.value * 1.08)),
    colors: { series: SERIES_COLORS.map(css), text: css('--fg-dim'), grid: css('--grid'), background: css('--bg') },
  };
}

/** Whether any shown event uploads full state: the only bars the state-upload thresholds apply to. */
export const uploadsState = (shown: readonly ReportEvent[]) => shown.some((e) => e.request.stateUpload === 'full');
