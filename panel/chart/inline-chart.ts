import { Chart } from 'chart.js';
import { payloadChartConfig, showView } from './chart-config';
import type { ChartSurface } from './chart-surface';

/**
 * The fallback: Chart.js on the panel's main thread, where its DOM platform listens to the mouse
 * and resizes the canvas with its box (a browser without OffscreenCanvas in workers).
 */
export function inlineChart(canvas: HTMLCanvasElement, onSelect: (eventIndex: number) => void): ChartSurface {
  const chart = new Chart(canvas, payloadChartConfig(onSelect));
  return { draw: (view) => showView(chart, view), destroy: () => chart.destroy() };
}
