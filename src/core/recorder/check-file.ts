import type { EventMetricId } from '../budget/metrics';
import type { RecorderRecording, MeasuredRun } from './find-measured-run';
import { navigateUrl } from './find-measured-run';
import { metricMax, REPORT_EVENT_METRIC_IDS } from './report-event-metrics';

/**
 * The margin added to each measured maximum, 25% unless the user changes it in the Mesop tab:
 * size-limit's advice for a first budget (room for noise, still catches a real regression).
 */
export const DEFAULT_MARGIN_PERCENT = 25;

/** Where one pre-filled budget came from. */
export interface MeasuredMetric {
  /** The biggest value measured, and the first event that had it (its number in the Mesop tab). */
  measuredMax: number;
  event: { index: number; kind: string };
  /** measuredMax plus the margin, rounded up: the budget's max. */
  max: number;
}

/** The export's own note (the `measured` key: `check` reads it as a note and ignores it). */
export interface MeasuredNote {
  note: string;
  from?: { kind: MeasuredRun['kind']; at: string; events: number };
  margin?: string;
  metrics?: Partial<Record<EventMetricId, MeasuredMetric>>;
}

/** A `mesop-devtools check` config: the app's URL, the recording as the one flow, budgets, the note. */
export interface CheckFile {
  app?: { url: string };
  flows: { name: string; recording: RecorderRecording }[];
  budgets?: { preset: 'recommended'; assertions: Partial<Record<EventMetricId, ['error', { max: number }]>> };
  measured: MeasuredNote;
}

/**
 * The Recorder export "Mesop DevTools check": the recording embedded as the config's one flow,
 * and, when the Mesop tab measured that flow (`run`, found by findMeasuredRun), an `error` budget
 * per event metric at the measured maximum plus the margin, over the recommended preset (which
 * keeps failing on server errors). Session totals are not pre-filled: the Mesop tab's capture may
 * start or end elsewhere than the flow, while every event's own size does not depend on that.
 * Without a run there are no budgets (never invented numbers) and the note says why.
 */
export function buildCheckFile(
  recording: RecorderRecording,
  found: { run?: MeasuredRun; why: string },
  marginPercent: number,
): CheckFile {
  const origin = navigateUrl(recording)?.origin;
  const base = {
    ...(origin && /^https?:/.test(origin) ? { app: { url: origin } } : {}),
    flows: [{ name: recording.title || 'recording', recording }],
  };
  const run = found.run;
  if (!run || run.events.length === 0)
    return {
      ...base,
      measured: {
        note: `No budgets: ${found.why}. Replay the recording with "Replay with budgets" (or run it while the Mesop tab captures) and export again; check applies the recommended preset meanwhile.`,
      },
    };
  const assertions: NonNullable<CheckFile['budgets']>['assertions'] = {};
  const metrics: NonNullable<MeasuredNote['metrics']> = {};
  for (const metric of REPORT_EVENT_METRIC_IDS) {
    const top = metricMax(metric, run.events)!;
    const max = withMargin(top.value, marginPercent);
    assertions[metric] = ['error', { max }];
    metrics[metric] = { measuredMax: top.value, event: { index: top.event.index, kind: top.event.kind }, max };
  }
  return {
    ...base,
    budgets: { preset: 'recommended', assertions },
    measured: {
      note: `Budgets are the biggest value per event measured by ${found.why} (${run.events.length} events), plus ${marginPercent}%, rounded up to a byte. Each entry of "metrics" says which event had the biggest value.`,
      from: { kind: run.kind, at: run.at, events: run.events.length },
      margin: `${marginPercent}%`,
      metrics,
    },
  };
}

/** The measured value plus the margin, rounded up to a whole byte (0 stays 0: nothing may appear). */
export const withMargin = (value: number, marginPercent: number): number =>
  Math.ceil((value * (100 + marginPercent)) / 100);

/** The file as the Recorder saves it. */
export const stringifyCheckFile = (file: CheckFile): string => `${JSON.stringify(file, null, 2)}\n`;
