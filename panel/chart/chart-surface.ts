import type { ChartView } from './chart-view';
import { inlineChart } from './inline-chart';
import { workerChart } from './worker-chart';

/** Where the payload chart is drawn: a Chart.js instance in the chart worker, or on the main thread. */
export interface ChartSurface {
  draw(view: ChartView): void;
  destroy(): void;
  /**
   * Shortest time between two draws caused by new events (a change the user made is drawn at
   * once). On the main thread a draw is a ~10 ms task Chart.js cannot split, which a loaded
   * machine stretches past 50 ms: once a second there. In the worker it costs the main thread a
   * postMessage of a few kB: every view is posted (the analysis sends at most 4 a second) and the
   * worker draws only the latest.
   */
  readonly streamIntervalMs: number;
}

/** The chart worker when the browser can hand a canvas to a worker (Chromium can), else the main thread. */
export function openChart(canvas: HTMLCanvasElement, onSelect: (eventIndex: number) => void): ChartSurface {
  const offscreen = typeof OffscreenCanvas !== 'undefined' && typeof canvas.transferControlToOffscreen === 'function';
  return offscreen ? workerChart(canvas, onSelect) : inlineChart(canvas, onSelect);
}
