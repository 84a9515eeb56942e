import type { ChartView } from './chart-view';
import { inlineChart } from './inline-chart';
import { workerChart } from './worker-chart';

/**
 * Where the payload chart is drawn: a Chart.js instance in the chart worker, or on the main thread.
 * It draws each view it is given: the analysis worker's pacing (at most 4 views a second) is the
 * one that decides how often (docs/architecture.md).
 */
export interface ChartSurface {
  draw(view: ChartView): void;
  destroy(): void;
}

/** The chart worker when the browser can hand a canvas to a worker (Chromium can), else the main thread. */
export function openChart(canvas: HTMLCanvasElement, onSelect: (eventIndex: number) => void): ChartSurface {
  const offscreen = typeof OffscreenCanvas !== 'undefined' && typeof canvas.transferControlToOffscreen === 'function';
  return offscreen ? workerChart(canvas, onSelect) : inlineChart(canvas, onSelect);
}
