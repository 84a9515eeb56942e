import type { EventKind } from '../decode/messages';
import type { PayloadReport, ReportEvent } from '../report/report-types';
import { backendOf } from '../session/backend-of';
import type { SessionBackend, SessionTransport } from '../session/session';
import type { ComparableRun } from './compare-runs';
import type { ComparableEvent } from './pair-events';

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
 * Some of a report's events as a run of their own (dev mode cuts one page load out of a longer
 * session): positions renumbered from 0, the backend read from those events by the session's rule.
 */
export function reportEventsRun(events: readonly ReportEvent[], transport: SessionTransport): ComparableRun {
  const evidence = events.map((e) => ({
    kind: e.kind,
    stateUpload: e.request.stateUpload,
    tokenIssued: e.response.tokenIssued,
  }));
  return { transport, backend: backendOf(transport, evidence), events: comparableEvents(events) };
}

/**
 * Report events as the figures pairEvents reads, positions renumbered from 0 (a run may be one
 * page load cut out of a longer session: the panel's dev-mode A/B does that). The names are the
 * same on both sides (session/event.ts), so this only turns the report's nulls into absences.
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
    mirror: { stateBytes: e.mirror.stateBytes },
  }));
}
