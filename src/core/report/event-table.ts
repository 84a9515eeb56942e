import { formatBytes } from '../measure/format-bytes';
import type { PayloadReport, ReportEvent } from './report-types';
import { shortHandler } from './handler-id';
import { renderTable, type Column } from './text-table';
import { sum } from '../sum';

export { shortHandler } from './handler-id';

const upState = (e: ReportEvent) =>
  e.request.stateUpload === 'full'
    ? formatBytes(sum(e.request.stateBytes))
    : e.request.stateUpload === 'token'
      ? 'token'
      : e.request.stateUpload === 'empty'
        ? '-'
        : '';

const downState = (e: ReportEvent) =>
  e.response.stateDownload === 'none' ? '' : `${formatBytes(sum(e.response.stateBytes))} ${e.response.stateDownload}`;

const notes = (e: ReportEvent) =>
  [e.error ? `error: ${e.error}` : '', e.tokenRetry ? 'retry after token miss' : '', ...e.problems]
    .filter(Boolean)
    .join('; ');

const COLUMNS: Column<ReportEvent>[] = [
  { header: '#', align: 'right', value: (e) => String(e.index) },
  { header: 'kind', value: (e) => e.kind },
  { header: 'handler', value: (e) => shortHandler(e.handlerId) },
  { header: 'up', align: 'right', value: (e) => formatBytes(e.request.bytes) },
  { header: 'up state', align: 'right', value: upState },
  { header: 'down', align: 'right', value: (e) => formatBytes(e.response.bytes) },
  { header: 'down state', align: 'right', value: downState },
  {
    header: 'tree',
    align: 'right',
    value: (e) =>
      e.response.componentTree === 'none'
        ? ''
        : `${formatBytes(e.response.componentTreeBytes)} ${e.response.componentTree}`,
  },
  {
    header: 'held state',
    align: 'right',
    value: (e) => (e.mirror.stateBytes.length ? formatBytes(sum(e.mirror.stateBytes)) : ''),
  },
  { header: 'ms', align: 'right', value: (e) => (e.durationMs === null ? '' : String(Math.round(e.durationMs))) },
  {
    header: 'biggest field',
    value: (e) => (e.topFields[0] ? `${e.topFields[0].path} ${formatBytes(e.topFields[0].bytes)}` : ''),
  },
  { header: 'notes', value: notes },
];

/** The per-event payload table the CLI prints. */
export function renderEventTable(report: PayloadReport): string {
  const t = report.session.totals;
  const head =
    `${report.session.events} events · transport ${report.session.transport} · state backend ${report.session.backend} · ${report.session.stateClasses} state class(es)\n` +
    `total up ${formatBytes(t.requestBytes)} (state ${formatBytes(t.upStateBytes)}) · total down ${formatBytes(t.responseBytes)} (state ${formatBytes(t.downStateBytes)}, components ${formatBytes(t.componentTreeBytes)})\n\n`;
  return head + renderTable(report.events, COLUMNS);
}
