import { BasicPlatform, type Chart, type ChartEvent } from 'chart.js';

/** The mouse events the panel forwards to the chart worker (Chart.js's default `events`, less touch). */
export type ForwardedEvent = 'mousemove' | 'mouseout' | 'click';

type Listener = (e: ChartEvent) => void;

/**
 * Chart.js's platform for a canvas in a worker, with the mouse events the main thread forwards.
 * Chart.js picks BasicPlatform for an OffscreenCanvas: it draws, but binds no events (a worker has
 * no DOM), so the tooltip, the legend and onClick would never run. A platform is Chart.js's own
 * seam for events (the `platform` config option; DomPlatform is the one that listens to the DOM):
 * this one keeps the listeners Chart.js registers and `dispatch` calls them with a ChartEvent,
 * as DomPlatform does for a DOM event, so Chart.js's own hover, tooltip, legend and click logic runs.
 */
export class ForwardedEventsPlatform extends BasicPlatform {
  #listeners = new Map<string, Listener>();

  override addEventListener(_chart: Chart, type: string, listener: Listener): void {
    this.#listeners.set(type, listener);
  }

  override removeEventListener(_chart: Chart, type: string): void {
    this.#listeners.delete(type);
  }

  /** An event at (x, y), canvas-relative CSS pixels. */
  dispatch(type: ForwardedEvent, x: number, y: number): void {
    // Chart.js filters plugins' events on `native.type` and reads the rest from the ChartEvent.
    this.#listeners.get(type)?.({ type, native: { type } as Event, x, y });
  }
}
