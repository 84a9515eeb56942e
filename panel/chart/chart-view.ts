import { shortHandler } from '../../src/core/report/event-table';
import type { ReportEvent } from '../../src/core/report/report-types';
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

const SERIES_COLORS = ['--c-up-state', '--c-up-rest', '--c-down-full', '--c-down-diff', '--c-down-tree', '--c-down-rest'];

export function chartView(shown: readonly ReportEvent[], selected: number | undefined, warn: number, error: number, theme: string): ChartView {
  const css = (name: string) => themeColor(theme, name);
  const data = shown.map(seriesOf);
  const at = shown.findIndex((e) => e.index === selected);
  const max = Math.max(1, ...data.map((d) => Math.max(d.upState + d.upRest, d.downStateFull + d.downStateDiff + d.downTree + d.downRest)));
  const lines: ThresholdLine[] = [
    { value: warn, label: 'warn', color: css('--warn') },
    { value: error, label: 'error', color: css('--error') },
  ];
  // A threshold far above every bar is not drawn: the scale would squash the bars.
  const thresholds = lines.filter((l) => l.value <= 2 * max);
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
