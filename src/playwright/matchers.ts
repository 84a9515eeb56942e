import { test } from '@playwright/test';
import { type Analysis, blameText, evaluateBudgets, type MetricId, type NormalizedAssertion, parseSize } from '../core';
import { blameFor } from '../cli/check/blame';
import type { TestCapture } from './test-capture';

/** What a matcher receives: the whole test (`mesop`) or its last event (`mesop.lastEvent`). */
export interface PayloadTarget {
  readonly capture: Pick<TestCapture, 'complete' | 'note' | 'analysis'>;
  readonly scope: 'test' | 'last event';
}

const isTarget = (x: unknown): x is PayloadTarget =>
  typeof x === 'object' && x !== null && 'capture' in x && 'scope' in x;

export interface MatcherResult {
  pass: boolean;
  message: () => string;
  name: string;
  expected?: unknown;
  actual?: unknown;
}

/** The metric each matcher budgets: over the whole test, and on the last event. */
const METRICS: Record<string, { test: MetricId; last: MetricId }> = {
  toUploadAtMost: { test: 'total-request-bytes', last: 'request-bytes' },
  toDownloadAtMost: { test: 'total-response-bytes', last: 'response-bytes' },
  toHoldStateAtMost: { test: 'mirrored-state-bytes', last: 'mirrored-state-bytes' },
  toHaveNoServerErrors: { test: 'server-errors', last: 'server-errors' },
};

/**
 * One budget, evaluated like a config budget of `check` (core evaluateBudgets), blamed like one
 * (event, handler, biggest field), on the whole test or on its last event only.
 */
async function checkBudget(
  name: string,
  received: unknown,
  max: number,
  unit: 'bytes' | 'count',
  isNot: boolean,
): Promise<MatcherResult> {
  if (!isTarget(received)) {
    return {
      name,
      pass: isNot,
      message: () => `${name}: expected the mesop fixture or mesop.lastEvent, got ${typeof received}`,
    };
  }
  const { capture, scope } = received;
  if (!capture.complete) {
    // Not a failure: the browser cannot show the traffic. Said on the test, once per matcher call.
    annotate(`${name} not checked: ${capture.note}`);
    return { name, pass: !isNot, message: () => `${name} not checked: ${capture.note}` };
  }
  const analysis = await capture.analysis();
  const metric = METRICS[name]![scope === 'test' ? 'test' : 'last'];
  const assertion: NormalizedAssertion = {
    id: metric,
    level: 'error',
    max,
    unit,
    target: { kind: 'metric', metric },
    scope: {},
  };
  const events = analysis.session.events;
  const last = events[events.length - 1];
  if (scope === 'last event' && !last) {
    return { name, pass: isNot, message: () => `${name}: mesop.lastEvent: the test's page sent no Mesop event yet` };
  }
  const measured: Analysis =
    scope === 'test' ? analysis : { ...analysis, session: { ...analysis.session, events: [last!] } };
  const result = evaluateBudgets(measured, [assertion])[0]!;
  // Blame reads the full analysis: event indexes are positions in the whole session.
  const blame = blameFor(result, assertion, analysis);
  const why = blame ? blameText({ ...result, flow: '', blame }) : '';
  const subject = scope === 'test' ? 'the test' : `the last event (#${last!.index})`;
  return {
    name,
    pass: result.passed,
    expected: max,
    actual: result.actual,
    message: () =>
      result.passed
        ? `${name}: expected ${subject} to go over the limit, but ${result.message}`
        : `${name} failed for ${subject}: ${result.message}${why ? `\n  ${why}` : ''}`,
  };
}

/** An annotation on the running test (none outside one: a matcher called from a plain script). */
function annotate(description: string): void {
  try {
    test.info().annotations.push({ type: 'mesop-devtools', description });
  } catch {
    console.warn(description);
  }
}

function bytesOf(name: string, limit: unknown): number {
  const size = parseSize(limit);
  if (!size.ok) throw new Error(`${name}(${JSON.stringify(limit)}): ${size.error} (${size.fix})`);
  return size.bytes;
}

export const mesopMatchers = {
  async toUploadAtMost(this: { isNot: boolean }, received: unknown, limit: string | number) {
    return checkBudget('toUploadAtMost', received, bytesOf('toUploadAtMost', limit), 'bytes', this.isNot);
  },
  async toDownloadAtMost(this: { isNot: boolean }, received: unknown, limit: string | number) {
    return checkBudget('toDownloadAtMost', received, bytesOf('toDownloadAtMost', limit), 'bytes', this.isNot);
  },
  async toHoldStateAtMost(this: { isNot: boolean }, received: unknown, limit: string | number) {
    return checkBudget('toHoldStateAtMost', received, bytesOf('toHoldStateAtMost', limit), 'bytes', this.isNot);
  },
  async toHaveNoServerErrors(this: { isNot: boolean }, received: unknown) {
    return checkBudget('toHaveNoServerErrors', received, 0, 'count', this.isNot);
  },
};
