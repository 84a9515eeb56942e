import type { Chart, Plugin } from 'chart.js';

export interface SelectionOptions {
  /**
   * Position in the chart's data of the selected event's bars; undefined: nothing selected (no
   * fade); outside the bars drawn: the selected event is not in the window (every bar fades).
   */
  index?: number;
  /** The chart's background: painted over the other bars (alpha `dim`) to fade them. */
  background?: string;
  /** Opacity of the fade (0.6 leaves the other bars at 40 %, as the former per-bar colours did). */
  dim?: number;
}

/**
 * Fades every bar but the selected event's. Per-bar colours (one per bar, in an array per dataset)
 * make Chart.js resolve each bar's options separately on every update, through its option proxies;
 * with one colour per dataset all bars share one options object, and this plugin does the
 * highlighting with two rectangles. Registered before the threshold lines, so those stay crisp.
 */
export const selectionPlugin: Plugin<'bar', SelectionOptions> = {
  id: 'mesopSelection',
  afterDatasetsDraw(chart: Chart<'bar'>, _args, options) {
    const x = chart.scales.x;
    if (!x || options.index === undefined || !options.background) return;
    const { ctx, chartArea } = chart;
    const bars = chart.data.labels?.length ?? 0;
    ctx.save();
    ctx.globalAlpha = options.dim ?? 0.6;
    ctx.fillStyle = options.background;
    if (options.index < 0 || options.index >= bars) {
      ctx.fillRect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    } else {
      // The category band of the selected bars: [center - half, center + half).
      const center = x.getPixelForValue(options.index);
      const half = x.width / Math.max(1, bars) / 2;
      ctx.fillRect(chartArea.left, chartArea.top, Math.max(0, center - half - chartArea.left), chartArea.height);
      ctx.fillRect(center + half, chartArea.top, Math.max(0, chartArea.right - center - half), chartArea.height);
    }
    ctx.restore();
  },
};
