import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBytes, type ReportEvent } from '../../src/core';
import { CHART_WINDOW, chartWindow } from '../chart/chart-data';
import { openChart, type ChartSurface } from '../chart/chart-surface';
import { chartView, uploadsState } from '../chart/chart-view';
import { memo } from './memo';

interface Props {
  events: ReportEvent[];
  selected: number | undefined;
  onSelect: (index: number) => void;
  warn: number;
  error: number;
  theme: 'light' | 'dark';
}

/**
 * Bytes per event, stacked: up (state, rest) and down (state full/diff, component tree, rest),
 * with the state-upload warn/error thresholds on the upload bars (where state goes up). Chart.js draws it in the chart worker (or on the
 * main thread where a canvas cannot go to a worker: chart-surface.ts); this component only posts
 * what it shows. Long sessions are windowed (CHART_WINDOW bars), drawn without animation and
 * updated only when what it shows changed, so thousands of events stay smooth; a slider moves the window.
 */
export const PayloadChart = memo(PayloadChartView);

function PayloadChartView({ events, selected, onSelect, warn, error, theme }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartSurface>();
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
    chart.current = openChart(canvas.current!, (i) => select.current(i));
    return () => chart.current?.destroy();
  }, []);

  // What the chart shows; an update runs only when one of these changed (new events, or the user).
  const last = shown[shown.length - 1];
  const streamKey = [events.length, last?.index, last?.response.bytes].join('|');
  const userKey = [start, selected, warn, error, theme].join('|');
  useEffect(() => {
    chart.current?.draw(chartView(shown, selected, warn, error, theme));
  }, [streamKey, userKey]);

  // Said only where state goes up: in WebSocket mode or with a backend there is no state upload to compare.
  const offScale =
    uploadsState(shown) && [warn, error].every((v) => v > 2 * Math.max(1, ...shown.map((e) => e.request.bytes)));
  return (
    <section class="chart" aria-label="Payload per event" data-theme-hint={theme}>
      <div class="chart-box">
        <canvas
          ref={canvas}
          id="payload-chart"
          role="img"
          aria-label={`bytes up and down for ${events.length} events`}
        />
      </div>
      <div class="chart-foot">
        {offScale && (
          <span class="dim">
            State upload thresholds (warn {formatBytes(warn)}, error {formatBytes(error)}) are far above every upload
            bar.
          </span>
        )}
        {events.length > CHART_WINDOW && (
          <label class="window">
            events #{from}–#{to - 1} of {events.length}
            <input
              type="range"
              min={0}
              max={events.length - CHART_WINDOW}
              value={from}
              onInput={(e) => setStart(Number((e.target as HTMLInputElement).value))}
              aria-label="chart window"
            />
          </label>
        )}
      </div>
    </section>
  );
}
