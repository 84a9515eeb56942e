import type { Chart, Plugin } from 'chart.js';
import { formatBytes } from '../../src/core';

export interface ThresholdLine {
  value: number;
  label: string;
  color: string;
  /** Draw the line only across the bars of this stack (`up`: the state-upload thresholds apply to uploads). */
  stack: string;
}

/**
 * Dashed horizontal marks at the warn/error thresholds (Chart.js has no built-in for this), drawn
 * only across the bars they apply to: a state-upload threshold across a download bar would read
 * as a limit on the download.
 */
export const thresholdPlugin: Plugin<'bar', { lines?: ThresholdLine[] }> = {
  id: 'mesopThresholds',
  afterDatasetsDraw(chart: Chart<'bar'>, _args, options) {
    const y = chart.scales.y;
    if (!y) return;
    const { ctx, chartArea } = chart;
    for (const line of options.lines ?? []) {
      if (line.value > y.max) continue;
      const py = y.getPixelForValue(line.value);
      ctx.save();
      ctx.strokeStyle = line.color;
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const bar of barsOf(chart, line.stack)) {
        ctx.moveTo(bar.x - bar.width / 2, py);
        ctx.lineTo(bar.x + bar.width / 2, py);
      }
      ctx.stroke();
      ctx.fillStyle = line.color;
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'right';
      ctx.fillText(`${line.label} ${formatBytes(line.value)}`, chartArea.right - 4, py - 3);
      ctx.restore();
    }
  },
};

/** Each bar position (centre, width) of the datasets stacked as `stack`: one per data index. */
function barsOf(chart: Chart<'bar'>, stack: string): { x: number; width: number }[] {
  const index = chart.data.datasets.findIndex((d) => d.stack === stack);
  if (index < 0) return [];
  return chart.getDatasetMeta(index).data.map((el) => {
    const { x, width } = el.getProps(['x', 'width'], true) as unknown as { x: number; width: number };
    return { x, width };
  });
}
