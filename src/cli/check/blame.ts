import {
  type Analysis,
  type BudgetBlame,
  type BudgetResult,
  classPosition,
  EVENT_METRICS,
  firstLine,
  isEventMetric,
  type NormalizedAssertion,
  SESSION_METRICS,
  shortHandler,
} from '../../core';

/** Metrics whose bytes are state JSON: the biggest state field explains them. */
const STATE_METRICS = new Set([
  'request-bytes',
  'upload-state-bytes',
  'mirrored-state-bytes',
  'download-state-bytes',
  'total-request-bytes',
  'total-upload-state-bytes',
  'total-download-state-bytes',
  'state-growth-per-event',
]);

/**
 * What a budget that did not hold points at: the event (the worst one over the limit) and the
 * field (the biggest field of the held state there, or the field a field budget matched), so a
 * red CI says "event #1 click on_load_image, field image_data_url 1.07 MB" and not just a number.
 */
export function blameFor(
  result: BudgetResult,
  assertion: NormalizedAssertion,
  analysis: Analysis,
): BudgetBlame | undefined {
  if (result.passed) return undefined;
  const events = analysis.session.events;
  const target = assertion.target;
  const over = result.events.map((i) => events[i]).filter((e) => e !== undefined);
  let eventIndex: number | undefined;
  if (target.kind === 'metric' && isEventMetric(target.metric)) {
    const of = EVENT_METRICS[target.metric].of;
    eventIndex = over.reduce((w, e) => (!w || of(e) > of(w) ? e : w), over[0])?.index;
  } else if (target.kind === 'field') {
    eventIndex = over.find((e) => fieldAt(analysis, e.index, result) !== undefined)?.index ?? over[0]?.index;
  } else if (target.kind === 'metric' && !isEventMetric(target.metric) && SESSION_METRICS[target.metric].counted) {
    eventIndex = over[0]?.index; // the first server error is the one to read first
  } else {
    eventIndex = over[over.length - 1]?.index;
  }
  const blame: BudgetBlame = {};
  const event = eventIndex === undefined ? undefined : events[eventIndex];
  if (event) {
    blame.event = { index: event.index, kind: event.kind, handler: shortHandler(event.handlerId ?? null) };
    if (event.error !== undefined) blame.event.error = firstLine(event.error);
  }
  if (event && target.kind === 'field') {
    const f = fieldAt(analysis, event.index, result);
    if (f) blame.field = f;
  } else if (event && target.kind === 'metric' && STATE_METRICS.has(target.metric)) {
    const top = analysis.topFields[event.index]?.[0];
    if (top) blame.field = { stateClass: top.stateClass, path: top.path, bytes: top.bytes, share: top.share };
  }
  return blame.event || blame.field ? blame : undefined;
}

/** The biggest over-limit path of a field budget at one event. */
function fieldAt(analysis: Analysis, index: number, result: BudgetResult): BudgetBlame['field'] {
  const maps = analysis.fieldBytes[index] ?? [];
  let best: BudgetBlame['field'];
  for (const p of result.paths ?? []) {
    const bytes = maps[classPosition(p.stateClass)]?.get(p.path);
    if (bytes !== undefined && (!best || bytes > best.bytes)) {
      const total = analysis.session.events[index]?.mirror.stateBytes[classPosition(p.stateClass)] ?? 0;
      best = { stateClass: p.stateClass, path: p.path, bytes, share: total ? bytes / total : 0 };
    }
  }
  return best;
}
