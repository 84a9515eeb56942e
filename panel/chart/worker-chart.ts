import type { ChartSurface } from './chart-surface';
import type { ForwardedEvent } from './forwarded-events-platform';
import type { ChartSize, FromChartWorker, ToChartWorker } from '../worker/chart-messages';

/** Next to panel.html, in the extension and in the fixture page (scripts/build.mjs). */
const CHART_WORKER_URL = 'chart-worker.js';
const FORWARDED: ForwardedEvent[] = ['mousemove', 'mouseout', 'click'];

/**
 * The chart drawn by Chart.js in the chart worker (panel/worker/chart-worker.ts): the canvas is
 * handed over once, then the main thread only posts views, its box's size (a ResizeObserver: the
 * worker cannot see the layout) and the mouse events on it (a worker has no DOM events), and
 * selects the event the worker says was clicked.
 */
export function workerChart(canvas: HTMLCanvasElement, onSelect: (eventIndex: number) => void): ChartSurface {
  const worker = new Worker(CHART_WORKER_URL);
  const post = (m: ToChartWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  worker.onmessage = (ev: MessageEvent<FromChartWorker>) => onSelect(ev.data.eventIndex);
  const box = canvas.parentElement!;
  const size = (): ChartSize => ({ width: box.clientWidth, height: box.clientHeight, dpr: devicePixelRatio });
  const offscreen = canvas.transferControlToOffscreen();
  post({ type: 'init', canvas: offscreen, ...size() }, [offscreen]);
  // The box's size, and the device pixel ratio (a zoom, another screen: a window resize, as Chart.js's DOM platform listens).
  const resize = () => post({ type: 'resize', ...size() });
  const resized = new ResizeObserver(resize);
  resized.observe(box);
  addEventListener('resize', resize);
  // offsetX/Y: canvas-relative CSS pixels (the canvas has no border or padding), what Chart.js's DOM platform reads too.
  const forward = (e: MouseEvent) =>
    post({ type: 'event', event: e.type as ForwardedEvent, x: e.offsetX, y: e.offsetY });
  for (const type of FORWARDED) canvas.addEventListener(type, forward);
  return {
    draw: (view) => post({ type: 'view', view }),
    destroy: () => {
      for (const type of FORWARDED) canvas.removeEventListener(type, forward);
      resized.disconnect();
      removeEventListener('resize', resize);
      worker.terminate();
    },
  };
}
