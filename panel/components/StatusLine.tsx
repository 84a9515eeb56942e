import { formatBytes, type PayloadReport } from '../../src/core';
import type { PageInfo } from '../../src/extension/protocol';

interface Props {
  page: PageInfo | undefined;
  report: PayloadReport | undefined;
  shown: number;
  imported?: string;
  backlogEvents: number;
  /** Early events the page's backlog did not keep, and those it kept as sizes only. */
  dropped: number;
  sizesOnly?: number;
  /** Oldest events the panel dropped to bound its memory. */
  droppedEvents?: number;
  analysisMs?: number;
}

const MODE = { editor: 'dev (editor)', prod: 'prod', unknown: 'mode unknown' } as const;
const BACKEND: Record<string, string> = {
  none: 'no session backend: full state uploaded',
  'server-side': 'session backend: state token',
  websocket: 'WebSocket: state on the server',
  unknown: 'backend unknown yet',
};

const BACKLOG_TITLE =
  'Until a panel watches, the page keeps its newest events for it within a cap (bodies of 4 MB by default, then sizes only): raise it under Thresholds and deployment, then reload and record';

/** Which app and mode, how many events, totals. */
export function StatusLine({
  page,
  report,
  shown,
  imported,
  backlogEvents,
  dropped,
  sizesOnly = 0,
  droppedEvents = 0,
  analysisMs,
}: Props) {
  const s = report?.session;
  const transport =
    s && s.transport !== 'unknown'
      ? s.transport
      : page?.websocketsEnabled === undefined
        ? undefined
        : page.websocketsEnabled
          ? 'websocket'
          : 'sse';
  return (
    <div class="status" id="status">
      {imported ? (
        <span class="badge info">imported: {imported}</span>
      ) : page?.isMesop ? (
        <span class="badge mesop" id="mode">
          Mesop · {MODE[page.mode]}
          {transport ? ` · ${transport === 'sse' ? 'SSE' : transport === 'websocket' ? 'WebSocket' : transport}` : ''}
        </span>
      ) : null}
      {s && <span>{BACKEND[s.backend] ?? s.backend}</span>}
      <span>
        <b id="event-count">{s?.events ?? 0}</b> events{shown !== (s?.events ?? 0) ? ` (${shown} shown)` : ''}
      </span>
      {s && (
        <span>
          up {formatBytes(s.totals.requestBytes)} · down {formatBytes(s.totals.responseBytes)}
        </span>
      )}
      {backlogEvents > 0 && (
        <span
          class="dim"
          title="The page hook buffers events from document start, so events before the panel was opened are here too"
        >
          {backlogEvents} from before the panel opened (page backlog)
        </span>
      )}
      {droppedEvents > 0 && (
        <span
          class="warn"
          id="dropped-notice"
          data-dropped={droppedEvents}
          title="The panel keeps the newest 10,000 events and 64 MB of captured bodies; export a report or reload to start over"
        >
          {droppedEvents} older events dropped to bound memory
        </span>
      )}
      {dropped > 0 && (
        <span class="warn" id="backlog-dropped" data-dropped={dropped} title={BACKLOG_TITLE}>
          {dropped} early events not kept by the page (its backlog's cap): reload and record
        </span>
      )}
      {sizesOnly > 0 && (
        <span class="warn" id="backlog-sizes-only" data-sizes-only={sizesOnly} title={BACKLOG_TITLE}>
          {sizesOnly} early events kept as sizes only (page backlog's cap)
        </span>
      )}
      {report && report.skipped.length > 0 && (
        <span
          class="dim"
          id="skipped-notice"
          data-skipped={report.skipped.length}
          title={report.skipped
            .slice(0, 20)
            .map((s) => `${s.url}: ${s.reason}`)
            .join('\n')}
        >
          {report.skipped.length} non-Mesop request{report.skipped.length === 1 ? '' : 's'} under /__ui__ skipped
        </span>
      )}
      {analysisMs !== undefined && <span class="dim">analysed in {analysisMs} ms (worker)</span>}
    </div>
  );
}
