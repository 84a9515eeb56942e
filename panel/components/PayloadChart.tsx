import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBytes } from '../../src/core/measure/format-bytes';
import { shortHandler } from '../../src/core/report/event-table';
import type { ReportEvent } from '../../src/core/report/report-types';
import { CHART_WINDOW, chartWindow, SERIES, seriesOf } from '../chart/chart-data';
import { selectionPlugin } from '../chart/selection-plugin';
import { themeColor } from '../chart/theme-colors';
import { thresholdPlugin, type ThresholdLine } from '../chart/threshold-plugin';
import { memo } from './memo';

// The selection fade first, so the threshold lines are drawn over it.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, selectionPlugin, thresholdPlugin);

interface Props {
  events: ReportEvent[];
  selected: number | undefined;
  onSelect: (index: number) => void;
  warn: number;
  error: number;
  theme: 'light' | 'dark';
}

const COLORS = ['--c-up-state', '--c-up-rest', '--c-down-full', '--c-down-diff', '--c-down-tree', '--c-down-rest'];
/**
 * X labels whose width Chart.js measures to space them (autoSkip): the labels of a window are all
 * "#" and a number of about the same length, so a sample tells as much as measuring every one.
 */
const LABEL_SAMPLE = 12;
/**
 * Shortest time between two chart updates caused by new events. A Chart.js update of the window
 * costs ~10 ms of CPU, one task Chart.js cannot split; on a loaded machine the OS preempts it and
 * it lasts past 50 ms: while events stream in (up to 5 views a second) it runs once a second. A
 * change the user made (selection, window, thresholds) is drawn at once.
 */
const CHART_STREAM_INTERVAL_MS = 1000;

/**
 * Bytes per event, stacked: up (state, rest) and down (state full/diff, component tree, rest),
 * with the state-upload warn/error thresholds. Long sessions are windowed (CHART_WINDOW bars) and
 * drawn without animation and updated only when what it shows changed (throttled), so thousands
 * of events stay smooth; a slider moves the window.
 */
export const PayloadChart = memo(PayloadChartView);

function PayloadChartView({ events, selected, onSelect, warn, error, theme }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'>>();
  const [start, setStart] = useState<number | undefined>(undefined);
  const [from, to] = chartWindow(events.length, start);
  const shown = events.slice(from, to);
  const select = useRef(onSelect);
  select.current = onSelect;
  // A selection outside the window (from the list or a finding) moves the window to it.
  useEffect(() => {
    if (selected !== undefined && (selected < from || selected >= to)) setStart(selected - CHART_WINDOW / 2);
  }, [selected]);

  useEffect(() => {
    const config: ChartConfiguration<'bar'> = {
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
        onClick: (_e, elements) => {
          const el = elements[0];
          const label = el ? chart.current?.data.labels?.[el.index] : undefined;
          if (label !== undefined) select.current(Number(String(label).slice(1)));
        },
      },
    };
    chart.current = new Chart(canvas.current!, config);
    return () => chart.current?.destroy();
  }, []);

  // What the chart shows; an update runs only when one of these changed (new events, or the user).
  const last = shown[shown.length - 1];
  const streamKey = [events.length, last?.index, last?.response.bytes].join('|');
  const userKey = [start, selected, warn, error, theme].join('|');
  const draw = useRef<() => void>(() => undefined);
  const lastDrawAt = useRef(0);
  const pendingDraw = useRef<ReturnType<typeof setTimeout>>();
  draw.current = () => {
    const c = chart.current;
    if (!c) return;
    const css = (name: string) => themeColor(theme, name);
    const text = css('--fg-dim');
    const grid = css('--grid');
    const data = shown.map(seriesOf);
    c.data.labels = shown.map((e) => `#${e.index}`);
    SERIES.forEach((s, i) => {
      const ds = c.data.datasets[i]!;
      ds.data = data.map((d) => d[s.id]);
      // One colour per dataset (shared options); the selection is shown by selectionPlugin.
      ds.backgroundColor = css(COLORS[i]!);
    });
    const at = shown.findIndex((e) => e.index === selected);
    (c.options.plugins as Record<string, unknown>).mesopSelection = {
      index: selected === undefined ? undefined : at, background: css('--bg'), dim: 0.6,
    };
    const max = Math.max(1, ...data.map((d) => Math.max(d.upState + d.upRest, d.downStateFull + d.downStateDiff + d.downTree + d.downRest)));
    const lines: ThresholdLine[] = [
      { value: warn, label: 'warn', color: css('--warn') },
      { value: error, label: 'error', color: css('--error') },
    ];
    const visible = lines.filter((l) => l.value <= 2 * max);
    const y = c.options.scales!.y!;
    y.suggestedMax = Math.max(max, ...visible.map((l) => l.value * 1.08));
    y.ticks!.color = text;
    y.grid = { color: grid };
    c.options.scales!.x!.ticks!.color = text;
    c.options.scales!.x!.grid = { color: grid };
    c.options.plugins!.legend!.labels!.color = text;
    (c.options.plugins as Record<string, unknown>).mesopThresholds = { lines: visible };
    c.options.plugins!.tooltip!.callbacks!.title = (items) => {
      const e = shown[items[0]?.dataIndex ?? 0];
      return e ? `#${e.index} ${e.kind} ${shortHandler(e.handlerId)}` : '';
    };
    c.update('none');
  };
  const run = () => { clearTimeout(pendingDraw.current); pendingDraw.current = undefined; lastDrawAt.current = performance.now(); draw.current(); };
  const lastUserKey = useRef(userKey);
  useEffect(() => {
    const byUser = lastUserKey.current !== userKey;
    lastUserKey.current = userKey;
    const wait = CHART_STREAM_INTERVAL_MS - (performance.now() - lastDrawAt.current);
    if (byUser || wait <= 0) run();
    else if (pendingDraw.current === undefined) pendingDraw.current = setTimeout(run, wait);
  }, [streamKey, userKey]);
  useEffect(() => () => clearTimeout(pendingDraw.current), []);

  const offScale = [warn, error].every((v) => v > 2 * Math.max(1, ...shown.map((e) => Math.max(e.request.bytes, e.response.bytes))));
  return (
    <section class="chart" aria-label="Payload per event" data-theme-hint={theme}>
      <div class="chart-box"><canvas ref={canvas} id="payload-chart" role="img" aria-label={`bytes up and down for ${events.length} events`} /></div>
      <div class="chart-foot">
        {offScale && <span class="dim">State upload thresholds (warn {formatBytes(warn)}, error {formatBytes(error)}) are far above every bar.</span>}
        {events.length > CHART_WINDOW && (
          <label class="window">
            events #{from}–#{to - 1} of {events.length}
            <input type="range" min={0} max={events.length - CHART_WINDOW} value={from}
              onInput={(e) => setStart(Number((e.target as HTMLInputElement).value))} aria-label="chart window" />
          </label>
        )}
      </div>
    </section>
  );
}
