/**
 * The panel's chart worker (a thin entry): the payload chart's Chart.js instance draws into the
 * canvas the panel transferred (transferControlToOffscreen), so a chart update (~10 ms of CPU that
 * Chart.js cannot split, stretched past 50 ms on a loaded machine) never blocks the panel's main
 * thread. The panel posts views, the box's size and the mouse events; a click on a bar is answered
 * with the event's index. Views and mouse moves that arrive while one is drawn are coalesced: only
 * the latest is drawn (a dragged window slider or a fast mouse does not queue up draws).
 */
import { Chart } from 'chart.js';
import { payloadChartConfig, showView } from '../chart/chart-config';
import type { ChartView } from '../chart/chart-view';
import { ForwardedEventsPlatform } from '../chart/forwarded-events-platform';
import type { ChartSize, FromChartWorker, ToChartWorker } from './chart-messages';

const post = (m: FromChartWorker) => (self as unknown as Worker).postMessage(m);
let chart: Chart<'bar'> | undefined;
let view: ChartView | undefined;
let move: { x: number; y: number } | undefined;
let scheduled = false;

const platform = () => chart!.platform as ForwardedEventsPlatform;

function resize({ width, height, dpr }: ChartSize): void {
  chart!.options.devicePixelRatio = dpr;
  chart!.resize(width, height);
}

/** Draws the latest view, then handles the latest mouse move. */
function flush(): void {
  scheduled = false;
  if (!chart) return;
  if (view) showView(chart, view);
  view = undefined;
  if (move) platform().dispatch('mousemove', move.x, move.y);
  move = undefined;
}

function soon(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(flush, 0);
}

self.onmessage = (ev: MessageEvent<ToChartWorker>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'init': {
      const config = {
        ...payloadChartConfig((eventIndex) => post({ type: 'select', eventIndex })),
        platform: ForwardedEventsPlatform,
      };
      // Chart.js draws into an OffscreenCanvas (its docs: "Parallel rendering with web workers"); its types omit it.
      chart = new Chart(msg.canvas as unknown as HTMLCanvasElement, config);
      resize(msg);
      soon();
      break;
    }
    case 'resize':
      if (chart) resize(msg);
      break;
    case 'view':
      view = msg.view;
      soon();
      break;
    case 'event':
      if (msg.event === 'mousemove') {
        move = msg;
        soon();
        break;
      }
      // A click or the pointer leaving: after what came before it, at once.
      flush();
      if (chart) platform().dispatch(msg.event, msg.x, msg.y);
      break;
  }
};
