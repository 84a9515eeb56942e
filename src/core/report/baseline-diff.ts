/**
 * The change of a check against a committed baseline (an earlier `check --out` / `--json`, or a
 * single payload report), per flow, per event and per field. Pure: the CLI reads the file, this
 * compares. Flows are matched by name (baselineFlows, also what relative budgets compare with);
 * events by pairEvents, the pairing dev mode's A/B uses (a flow is a fixed script, so the Nth user
 * action is the same in both; a token retry is folded into the action it retries); fields by state
 * class and path, using the biggest size the field reached in the flow (from each event's top fields).
 */
import { comparableEvents, pairEvents, type EventFigures } from '../compare';
import type { CheckFlow, CheckReport } from './check-report';
import type { PayloadReport, ReportEvent } from './report-types';
import { shortHandler } from './event-table';

export interface Delta {
  before: number | null;
  after: number | null;
  /** after - before; null when either side is missing. */
  change: number | null;
}

export interface EventDiff {
  /** The event's number in the current run (in the baseline's when only the baseline has it). */
  index: number;
  label: string;
  request: Delta;
  response: Delta;
  heldState: Delta;
}

export interface FieldDiff {
  stateClass: number;
  path: string;
  delta: Delta;
}

export interface FlowDiff {
  name: string;
  /** `new`: not in the baseline; `missing`: only in the baseline. */
  status: 'compared' | 'new' | 'missing';
  totals: { requestBytes: Delta; responseBytes: Delta; events: Delta };
  events: EventDiff[];
  /** Fields whose size changed, biggest change first. */
  fields: FieldDiff[];
}

export interface BaselineDiff {
  file: string;
  generatedAt: string;
  flows: FlowDiff[];
}

/** A baseline may be a check report or one payload report (then it stands for the only flow). */
export type Baseline = CheckReport | PayloadReport;

export const delta = (before: number | null | undefined, after: number | null | undefined): Delta => ({
  before: before ?? null,
  after: after ?? null,
  change: before === null || before === undefined || after === null || after === undefined ? null : after - before,
});

export function baselineFlows(baseline: Baseline, current: CheckReport): Map<string, PayloadReport> {
  if (baseline.schema === 'mesop-devtools/check-report') return new Map(baseline.flows.map((f) => [f.name, f.report]));
  const name = current.flows.length === 1 ? current.flows[0]!.name : baseline.source.name;
  return new Map([[name, baseline]]);
}

export function diffAgainstBaseline(
  current: CheckReport,
  baseline: Baseline,
  file: string,
  maxFields = 15,
): BaselineDiff {
  const before = baselineFlows(baseline, current);
  const flows: FlowDiff[] = current.flows.map((f) => {
    const old = before.get(f.name);
    return old ? compareFlow(f, old, maxFields) : { ...compareFlow(f, undefined, maxFields), status: 'new' };
  });
  for (const [name, old] of before) {
    if (!current.flows.some((f) => f.name === name)) {
      flows.push({ name, status: 'missing', totals: totalsDelta(old, undefined), events: [], fields: [] });
    }
  }
  return { file, generatedAt: baseline.generatedAt, flows };
}

function totalsDelta(before: PayloadReport | undefined, after: PayloadReport | undefined): FlowDiff['totals'] {
  return {
    requestBytes: delta(before?.session.totals.requestBytes, after?.session.totals.requestBytes),
    responseBytes: delta(before?.session.totals.responseBytes, after?.session.totals.responseBytes),
    events: delta(before?.events.length, after?.events.length),
  };
}

function compareFlow(flow: CheckFlow, old: PayloadReport | undefined, maxFields: number): FlowDiff {
  const now = flow.report;
  const events = pairEvents(comparableEvents(old?.events ?? []), comparableEvents(now.events)).map(
    ({ a, b }): EventDiff => {
      const either = (b ?? a) as EventFigures;
      return {
        index: either.index,
        label: eventLabel({ kind: either.kind, handlerId: either.handlerId ?? null }),
        request: delta(a?.up, b?.up),
        response: delta(a?.down, b?.down),
        heldState: delta(a?.heldState, b?.heldState),
      };
    },
  );
  const fieldsBefore = fieldPeaks(old?.events ?? []);
  const fieldsAfter = fieldPeaks(now.events);
  const fields: FieldDiff[] = [];
  for (const key of new Set([...fieldsBefore.keys(), ...fieldsAfter.keys()])) {
    const d = delta(fieldsBefore.get(key) ?? (old ? 0 : null), fieldsAfter.get(key) ?? 0);
    if (d.change === 0) continue;
    const [stateClass, path] = splitKey(key);
    fields.push({ stateClass, path, delta: d });
  }
  fields.sort(
    (x, y) => Math.abs(y.delta.change ?? y.delta.after ?? 0) - Math.abs(x.delta.change ?? x.delta.after ?? 0),
  );
  return {
    name: flow.name,
    status: 'compared',
    totals: totalsDelta(old, now),
    events,
    fields: fields.slice(0, maxFields),
  };
}

export const eventLabel = (e: Pick<ReportEvent, 'kind' | 'handlerId'>): string => {
  const handler = shortHandler(e.handlerId);
  return handler ? `${e.kind} ${handler}` : e.kind;
};

/** The biggest size each top field reached over the flow, keyed `stateClass:path`. */
function fieldPeaks(events: readonly ReportEvent[]): Map<string, number> {
  const peaks = new Map<string, number>();
  for (const e of events) {
    for (const f of e.topFields) {
      const key = `${f.stateClass}:${f.path}`;
      peaks.set(key, Math.max(peaks.get(key) ?? 0, f.bytes));
    }
  }
  return peaks;
}

function splitKey(key: string): [number, string] {
  const at = key.indexOf(':');
  return [Number(key.slice(0, at)), key.slice(at + 1)];
}
