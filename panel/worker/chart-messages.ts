import type { ForwardedEvent } from '../chart/forwarded-events-platform';
import type { ChartView } from '../chart/chart-view';

/** The chart box's size in CSS pixels, and the device pixels per CSS pixel. */
export interface ChartSize {
  width: number;
  height: number;
  dpr: number;
}

/** Panel -> chart worker. */
export type ToChartWorker =
  | ({ type: 'init'; canvas: OffscreenCanvas } & ChartSize)
  | ({ type: 'resize' } & ChartSize)
  | { type: 'view'; view: ChartView }
  | { type: 'event'; event: ForwardedEvent; x: number; y: number };

/** Chart worker -> panel: a bar was clicked. */
export type FromChartWorker = { type: 'select'; eventIndex: number };
