import type { Analysis } from '../analyze';
import type { MesopEvent } from '../session/event';
import { portableHandlerId } from './handler-id';
import { REPORT_SCHEMA, REPORT_VERSION, type PayloadReport, type ReportEvent } from './report-types';
import { sum } from '../sum';

export interface ReportMeta {
  toolVersion: string;
  source: PayloadReport['source'];
  /** ISO time; injectable so tests and reproducible builds can pin it. */
  generatedAt?: string;
  skipped?: PayloadReport['skipped'];
}

export function buildJsonReport(analysis: Analysis, meta: ReportMeta): PayloadReport {
  const { session } = analysis;
  const events = session.events.map((e) => reportEvent(e, analysis));
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    generatedAt: meta.generatedAt ?? new Date().toISOString(),
    tool: { name: 'mesop-devtools', version: meta.toolVersion },
    source: meta.source,
    session: {
      transport: session.transport,
      backend: session.backend,
      stateClasses: session.stateClasses,
      events: events.length,
      totals: {
        requestBytes: sum(events.map((e) => e.request.bytes)),
        responseBytes: sum(events.map((e) => e.response.bytes)),
        upStateBytes: sum(events.map((e) => sum(e.request.stateBytes))),
        downStateBytes: sum(events.map((e) => sum(e.response.stateBytes))),
        componentTreeBytes: sum(events.map((e) => e.response.componentTreeBytes)),
      },
    },
    events,
    findings: [],
    budgets: [],
    // Query strings may carry tokens: skipped URLs are reported without them.
    skipped: (meta.skipped ?? []).map((s) => ({ ...s, url: s.url.replace(/[?#].*$/s, '') })),
    problems: session.problems,
  };
}

/** toISOString throws on NaN and on times past year 275760: a bad capture time must not sink the report. */
function isoTime(ms: number): string | null {
  const d = new Date(ms);
  return ms && Number.isFinite(d.getTime()) ? d.toISOString() : null;
}

function reportEvent(e: MesopEvent, analysis: Analysis): ReportEvent {
  return {
    index: e.index,
    exchangeId: e.exchangeId,
    kind: e.kind,
    // The one place handler ids enter the reports: without the developer's directories (handler-id.ts).
    handlerId: e.handlerId === undefined ? null : portableHandlerId(e.handlerId),
    key: e.key ?? null,
    path: e.path ?? null,
    startedAt: isoTime(e.startedAt),
    durationMs: e.durationMs ?? null,
    request: {
      bytes: e.request.bytes,
      protoBytes: e.request.account.total,
      stateUpload: e.request.stateUpload,
      stateBytes: e.request.stateBytes,
      tokenSent: !!e.request.token,
    },
    response: {
      bytes: e.response.bytes,
      protoBytes: e.response.account.total,
      messages: e.response.messages,
      stateDownload: e.response.stateDownload,
      stateBytes: e.response.stateBytes,
      componentTree: e.response.componentTree,
      componentTreeBytes: e.response.account.componentTree,
      commandsBytes: e.response.account.commands,
      errorBytes: e.response.account.error,
      tokenIssued: !!e.response.token,
      streamEnded: e.response.streamEnded,
    },
    error: e.error ?? null,
    tokenRetry: e.tokenRetry,
    mirror: { stateBytes: e.mirror.stateBytes },
    topFields: analysis.topFields[e.index] ?? [],
    problems: e.problems,
  };
}
