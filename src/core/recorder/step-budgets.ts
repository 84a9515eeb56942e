import { isEventMetric, type EventMetricId } from '../budget/metrics';
import { normalizeBudgets } from '../budget/normalize-budgets';
import { validateConfig } from '../config/validate-config';
import type { ReportEvent } from '../report/report-types';
import type { CheckFile } from './check-file';
import { metricMax, REPORT_EVENT_METRICS } from './report-event-metrics';

/** One event budget as `check` would apply it to every event of the flow. */
export interface EventLimit {
  metric: EventMetricId;
  level: 'warn' | 'error';
  max: number;
}

/**
 * The event budgets `check` would apply to the exported file: validated and normalized by the
 * same code as the CLI's (so the preset fills what the file does not say). Scoped and field
 * budgets are left out: the export writes neither.
 */
export function eventLimits(file: CheckFile): EventLimit[] {
  const validated = validateConfig(JSON.parse(JSON.stringify(file)), { file: 'export' });
  if (!validated.ok) throw new Error(`the export is not a valid config: ${validated.errors[0]!.message}`);
  const budgets = validated.config.budgets ?? {
    preset: 'recommended' as const,
    aggregate: 'median' as const,
    assertions: {},
    fields: {},
    scopes: [],
  };
  const out: EventLimit[] = [];
  for (const a of normalizeBudgets(budgets)) {
    if (a.target.kind !== 'metric' || !isEventMetric(a.target.metric) || a.scope.page || a.scope.handler) continue;
    out.push({ metric: a.target.metric, level: a.level, max: a.max });
  }
  return out;
}

/** What one replayed step caused: its events, their bytes, and each event budget's verdict. */
export interface StepMeasure {
  events: number;
  requestBytes: number;
  responseBytes: number;
  budgets: {
    metric: EventMetricId;
    level: 'warn' | 'error';
    max: number;
    actual: number;
    holds: boolean;
    event?: number;
  }[];
}

export function measureStep(events: readonly ReportEvent[], limits: readonly EventLimit[]): StepMeasure {
  let requestBytes = 0;
  let responseBytes = 0;
  for (const e of events) {
    requestBytes += REPORT_EVENT_METRICS['request-bytes'](e);
    responseBytes += REPORT_EVENT_METRICS['response-bytes'](e);
  }
  return {
    events: events.length,
    requestBytes,
    responseBytes,
    budgets: limits.map((l) => {
      const top = metricMax(l.metric, events);
      const actual = top?.value ?? 0;
      return {
        ...l,
        actual,
        holds: actual <= l.max,
        ...(top && actual > l.max ? { event: top.event.index } : {}),
      };
    }),
  };
}
