import type { EventMetricId } from '../budget/metrics';
import type { ReportEvent } from '../report/report-types';
import { sum } from '../sum';

/**
 * The event budget metrics (src/core/budget/metrics.ts) read from a report row instead of a
 * MesopEvent: the panel's main thread and the Recorder export hold `ReportEvent`s (the worker
 * keeps the MesopEvents). json-report.ts copies each of these quantities from the MesopEvent
 * unchanged, so both give the same number (test/core/recorder/report-event-metrics.test.ts).
 */
export const REPORT_EVENT_METRICS: Record<EventMetricId, (e: ReportEvent) => number> = {
  'request-bytes': (e) => e.request.bytes,
  'upload-state-bytes': (e) => sum(e.request.stateBytes),
  'response-bytes': (e) => e.response.bytes,
  'download-state-bytes': (e) => sum(e.response.stateBytes),
  'component-bytes': (e) => e.response.componentTreeBytes,
  'mirrored-state-bytes': (e) => sum(e.mirror.stateBytes),
};

export const REPORT_EVENT_METRIC_IDS = Object.keys(REPORT_EVENT_METRICS) as EventMetricId[];

/** The biggest value of a metric over some events, and the first event that had it. */
export function metricMax(
  metric: EventMetricId,
  events: readonly ReportEvent[],
): { value: number; event: ReportEvent } | undefined {
  let best: { value: number; event: ReportEvent } | undefined;
  for (const event of events) {
    const value = REPORT_EVENT_METRICS[metric](event);
    if (!best || value > best.value) best = { value, event };
  }
  return best;
}
