import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { formatBytes } from '../../src/core';
import { SERIES } from './chart-data';
import type { ChartView } from './chart-view';
import { selectionPlugin } from './selection-plugin';
import { thresholdPlugin } from './threshold-plugin';

// The selection fade first, so the threshold lines are drawn over it.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  selectionPlugin,
  thresholdPlugin,
);

/**
 * X labels whose width Chart.js measures to space them (autoSkip): the labels of a window are all
 * "#" and a number of about the same length, so a sample tells as much as measuring every one.
 */
const LABEL_SAMPLE = 12;

/**
 * The payload chart's Chart.js configuration, the same in the chart worker and in the main-thread
 * fallback: stacked bars, no animation, hover tooltip by index, a click on a bar calls
 * `onSelect(event index)`. Its data, colours, selection and thresholds come with each view.
 */
export function payloadChartConfig(onSelect: (eventIndex: number) => void): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: { labels: [], datasets: SERIES.map((s) => ({ label: s.label, stack: s.stack, data: [] as number[] })) },
    options: {
      animation: false,
      // Each dataset's bars have unique, sorted positions (the window's events).
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, ticks: { autoSkip: true, maxRotation: 0, sampleSize: LABEL_SAMPLE } },
        y: { stacked: true, beginAtZero: true, ticks: { callback: (v) => formatBytes(Number(v)) } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10, font: { size: 11 } } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatBytes(Number(c.raw))}` } },
      },
      onClick: (_e, elements, chart) => {
        const el = elements[0];
        const label = el ? chart.data.labels?.[el.index] : undefined;
        if (label !== undefined) onSelect(Number(String(label).slice(1)));
      },
    },
  };
}

/** Draws a view: one Chart.js update, a task it cannot split (~10 ms for CHART_WINDOW bars). */
export function showView(c: Chart<'bar'>, v: ChartView): void {
  c.data.labels = v.labels;
  SERIES.forEach((_, i) => {
    const ds = c.data.datasets[i]!;
    ds.data = v.series[i]!;
    // One colour per dataset (shared options); the selection is shown by selectionPlugin.
    ds.backgroundColor = v.colors.series[i];
  });
  const plugins = c.options.plugins as Record<string, unknown>;
  plugins.mesopSelection = { index: v.selection, background: v.colors.background, dim: 0.6 };
  plugins.mesopThresholds = { lines: v.thresholds };
  const { text, grid } = v.colors;
  const y = c.options.scales!.y!;
  y.suggestedMax = v.suggestedMax;
  y.ticks!.color = text;
  y.grid = { color: grid };
  c.options.scales!.x!.ticks!.color = text;
  c.options.scales!.x!.grid = { color: grid };
  c.options.plugins!.legend!.labels!.color = text;
  c.options.plugins!.tooltip!.callbacks!.title = (items) => v.titles[items[0]?.dataIndex ?? 0] ?? '';
  // Not update('none'): in that mode Chart.js never refreshes a dataset's shared bar options, so
  // the bars kept the colour resolved at the first update, before any view (Chart.js's grey). With
  // animation off, the default mode assigns the new options at once and costs the same.
  c.update();
}
