/**
 * The check report as GitHub-flavoured Markdown for a pull-request comment. The first two lines
 * never change (a marker comment and the heading), so sticky-comment actions can find and replace
 * the previous comment; everything below is tables. Pure string building.
 */
import { stateClassLabel } from '../session/numbering';
import { formatBytes } from '../measure/format-bytes';
import type { BaselineDiff, Delta } from './baseline-diff';
import type { CheckBudgetResult, CheckReport } from './check-report';
import { shortHandler } from './event-table';
import type { ReportEvent } from './report-types';

export const MARKDOWN_MARKER = '<!-- mesop-devtools:check -->';
export const MARKDOWN_HEADING = '## Mesop payload budgets';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * A table cell: one line, pipes escaped (else they split the cell), and outside code spans `<`, `>`
 * and `&` as entities (GitHub would render `<big>` in a flow name as HTML; inside backticks
 * entities are shown literally, and code spans render markup as text anyway).
 */
export const cell = (text: string): string => text
  .replace(/\r?\n/g, ' ')
  .split(/(`[^`]*`)/)
  .map((part) => (part.startsWith('`') ? part : part.replace(/\\/g, '\\\\').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
  .join('')
  .replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `| ${sep.join(' | ')} |`, ...rows.map(line)].join('\n');
}

const ICON = { fail: '❌', warn: '⚠️', pass: '✅' } as const;
const statusOf = (r: CheckBudgetResult) => (r.passed ? 'pass' : r.level === 'error' ? 'fail' : 'warn');
const value = (n: number, unit: 'bytes' | 'count') => (unit === 'bytes' ? formatBytes(n) : String(n));

/** "event #1 click on_load_image; field state class #1 `image_data_url` 1.07 MB (99%)". */
export function blameText(r: CheckBudgetResult, fmt: (s: string) => string = (s) => s): string {
  const parts: string[] = [];
  const ev = r.blame?.event;
  if (ev) parts.push(`event #${ev.index} ${ev.kind}${ev.handler ? ` ${ev.handler}` : ''}`);
  const f = r.blame?.field;
  if (f) parts.push(`field ${stateClassLabel(f.stateClass)} ${fmt(f.path)} ${formatBytes(f.bytes)}${f.share ? ` (${Math.round(f.share * 100)}%)` : ''}`);
  if (!f && r.paths?.length) parts.push(`field ${r.paths.slice(0, 3).map((p) => `${stateClassLabel(p.stateClass)} ${fmt(p.path)}`).join(', ')}`);
  if (r.runs) parts.push(`runs: ${r.runs.actuals.map((a) => value(a, r.unit)).join(', ')}`);
  return parts.join('; ');
}

export function renderMarkdown(report: CheckReport): string {
  const s = report.summary;
  const head = s.failed ? `${ICON.fail} **${s.failed} budget${s.failed > 1 ? 's' : ''} failed**`
    : s.warned ? `${ICON.warn} **all error budgets hold**` : `${ICON.pass} **all budgets hold**`;
  const runs = report.runs > 1 ? ` × ${report.runs} runs (${report.aggregate})` : '';
  const out = [
    MARKDOWN_MARKER,
    MARKDOWN_HEADING,
    '',
    `${head} · ${s.warned} warning(s) · ${s.passed} passed · ${report.flows.length} flow(s)${runs}`,
    '',
  ];
  const budgets = report.flows.flatMap((f) => f.budgets);
  const order = { fail: 0, warn: 1, pass: 2 };
  budgets.sort((a, b) => order[statusOf(a)] - order[statusOf(b)]);
  if (budgets.length) {
    out.push(markdownTable(['', 'flow', 'budget', 'actual', 'limit', 'where'], budgets.map((r) => [
      ICON[statusOf(r)], r.flow, code(r.id), value(r.actual, r.unit), `${value(r.expected, r.unit)} ${r.level}`, blameText(r, code),
    ]), ['l', 'l', 'l', 'r', 'r', 'l']), '');
  } else out.push('_No budgets configured._', '');
  if (report.baseline) out.push(renderBaselineMarkdown(report.baseline), '');
  for (const flow of report.flows) {
    const t = flow.report.session.totals;
    out.push(`<details><summary>${escapeHtmlText(flow.name)}: ${flow.report.events.length} events · up ${formatBytes(t.requestBytes)} · down ${formatBytes(t.responseBytes)} · ${flow.report.session.transport}</summary>`, '');
    out.push(eventTable(flow.report.events), '', '</details>', '');
  }
  out.push(`<sub>mesop-devtools ${report.tool.version} · ${report.generatedAt}</sub>`);
  return `${out.join('\n')}\n`;
}

function eventTable(events: readonly ReportEvent[]): string {
  return markdownTable(['#', 'event', 'up', 'up state', 'down', 'held state', 'biggest field'], events.map((e) => [
    String(e.index),
    `${e.kind}${e.handlerId ? ` ${shortHandler(e.handlerId)}` : ''}`,
    formatBytes(e.request.bytes),
    e.request.stateUpload === 'full' ? formatBytes(sum(e.request.stateBytes)) : e.request.stateUpload,
    formatBytes(e.response.bytes),
    e.mirror.stateBytes.length ? formatBytes(sum(e.mirror.stateBytes)) : '',
    e.topFields[0] ? `${code(e.topFields[0].path)} ${formatBytes(e.topFields[0].bytes)}` : '',
  ]), ['r', 'l', 'r', 'r', 'r', 'r', 'l']);
}

export function signedBytes(d: Delta): string {
  if (d.change === null) return d.before === null ? 'new' : 'gone';
  if (d.change === 0) return '±0';
  const pct = d.before ? ` (${d.change > 0 ? '+' : ''}${Math.round((d.change / d.before) * 100)}%)` : '';
  return `${d.change > 0 ? '+' : '−'}${formatBytes(Math.abs(d.change))}${pct}`;
}

const maybeBytes = (n: number | null) => (n === null ? '–' : formatBytes(n));

function renderBaselineMarkdown(diff: BaselineDiff): string {
  const out = [`### Change against the baseline`, '', `Baseline: ${code(diff.file)} (${diff.generatedAt})`, ''];
  out.push(markdownTable(['flow', 'events', 'up', 'down'], diff.flows.map((f) => [
    `${f.name}${f.status === 'compared' ? '' : ` (${f.status})`}`,
    `${f.totals.events.after ?? '–'} (${f.totals.events.change === null ? 'n/a' : f.totals.events.change >= 0 ? `+${f.totals.events.change}` : f.totals.events.change})`,
    `${maybeBytes(f.totals.requestBytes.after)} ${signedBytes(f.totals.requestBytes)}`,
    `${maybeBytes(f.totals.responseBytes.after)} ${signedBytes(f.totals.responseBytes)}`,
  ]), ['l', 'r', 'r', 'r']));
  const fields = diff.flows.flatMap((f) => f.fields.map((x) => ({ flow: f.name, ...x })));
  if (fields.length) {
    out.push('', markdownTable(['flow', 'field', 'before', 'after', 'change'], fields.map((x) => [
      x.flow, `${stateClassLabel(x.stateClass)} ${code(x.path)}`, maybeBytes(x.delta.before), maybeBytes(x.delta.after), signedBytes(x.delta),
    ]), ['l', 'l', 'r', 'r', 'r']));
  }
  const changed = diff.flows.flatMap((f) => f.events.filter((e) => e.request.change || e.response.change || e.request.change === null)
    .map((e) => ({ flow: f.name, ...e })));
  if (changed.length) {
    out.push('', '<details><summary>Events that changed</summary>', '', markdownTable(['flow', '#', 'event', 'up', 'down', 'held state'], changed.map((e) => [
      e.flow, String(e.index), e.label, signedBytes(e.request), signedBytes(e.response), signedBytes(e.heldState),
    ]), ['l', 'r', 'l', 'r', 'r', 'r']), '', '</details>');
  }
  return out.join('\n');
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
