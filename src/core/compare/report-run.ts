import type { EventKind } from '../decode/messages';
import type { PayloadReport, ReportEvent } from '../report/report-types';
import type { SessionBackend, SessionTransport } from '../session/session';
import type { ComparableEvent, ComparableRun } from './compare-runs';

/**
 * A payload report as the run compareRuns reads: what to compare when only reports are at hand
 * (a report file from `analyze --json` or `check --out`, a session kept as its report).
 */
export function reportRun(report: Pick<PayloadReport, 'events' | 'session'>): ComparableRun {
  const t = report.session.transport;
  const b = report.session.backend;
  return {
    transport: (['sse', 'websocket', 'mixed'].includes(t) ? t : 'unknown') as SessionTransport,
    backend: (['none', 'server-side', 'websocket'].includes(b) ? b : 'unknown') as SessionBackend,
    events: comparableEvents(report.events),
  };
}

/**
 * Report events as the figures compareRuns reads, positions renumbered from 0 (a run may be one
 * page load cut out of a longer session: the panel's dev-mode A/B does that).
 */
export function comparableEvents(events: readonly ReportEvent[]): ComparableEvent[] {
  return events.map((e, index): ComparableEvent => ({
    index,
    // The report writes MesopEvent.kind verbatim (json-report.ts).
    kind: e.kind as EventKind,
    ...(e.handlerId !== null ? { handlerId: e.handlerId } : {}),
    ...(e.durationMs !== null ? { durationMs: e.durationMs } : {}),
    tokenRetry: e.tokenRetry,
    request: { bytes: e.request.bytes, stateBytes: e.request.stateBytes },
    response: { bytes: e.response.bytes, stateBytes: e.response.stateBytes },
  }));
}
