import type { Chart, Plugin } from 'chart.js';
import { formatBytes } from '../../src/core/measure/format-bytes';

export interface ThresholdLine { value: number; label: string; color: string }

/** Dashed horizontal lines at the warn/error thresholds (Chart.js has no built-in for this). */
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
      ctx.moveTo(chartArea.left, py);
      ctx.lineTo(chartArea.right, py);
      ctx.stroke();
      ctx.fillStyle = line.color;
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'right';
      ctx.fillText(`${line.label} ${formatBytes(line.value)}`, chartArea.right - 4, py - 3);
      ctx.restore();
    }
  },
};
