/**
 * The self-contained HTML report (the check's `--html`, and the panel's export through
 * checkReportFromPayload): inline CSS, inline SVG charts, no script and no external resource, so
 * it opens offline and attaches to a bug as one file. Pure string building; every value from the
 * report is escaped.
 */
import { stateClassLabel } from '../session/numbering';
import type { Finding } from '../advise/finding';
import { formatBytes } from '../measure/format-bytes';
import type { BaselineDiff } from './baseline-diff';
import type { CheckBudgetResult, CheckFlow, CheckReport } from './check-report';
import { shortHandler } from './event-table';
import { renderEventChart } from './html-chart';
import { escapeHtml as e } from './html-escape';
import { effectText } from './findings-text';
import { HTML_STYLES } from './html-styles';
import { blameText, captureProblems, serverErrors, signedBytes } from './markdown-report';
import { eventLabel } from './baseline-diff';
import { firstLine } from './describe-event';
import { sum } from '../sum';

const value = (n: number, unit: 'bytes' | 'count') => (unit === 'bytes' ? formatBytes(n) : String(n));
const status = (r: CheckBudgetResult) => (r.passed ? 'pass' : r.level === 'error' ? 'fail' : 'warn');

function table(headers: readonly string[], rows: readonly string[][], numeric: readonly number[] = []): string {
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function budgetsSection(report: CheckReport): string {
  const rows = report.flows
    .flatMap((f) => f.budgets)
    .sort((a, b) => ['fail', 'warn', 'pass'].indexOf(status(a)) - ['fail', 'warn', 'pass'].indexOf(status(b)))
    .map((r) => [
      `<span class="badge ${status(r)}">${status(r)}</span>`,
      e(r.flow),
      `<code>${e(r.id)}</code>`,
      e(value(r.actual, r.unit)),
      e(`${value(r.expected, r.unit)} ${r.level}`),
      e(blameText(r)),
    ]);
  return `<section><h2>Budgets</h2>${rows.length ? table(['', 'flow', 'budget', 'actual', 'limit', 'where'], rows, [3, 4]) : '<p class="muted">No budgets configured.</p>'}</section>`;
}

function baselineSection(diff: BaselineDiff): string {
  const flows = table(
    ['flow', 'events', 'up', 'down'],
    diff.flows.map((f) => [
      e(`${f.name}${f.status === 'compared' ? '' : ` (${f.status})`}`),
      e(String(f.totals.events.after ?? '–')),
      e(
        `${f.totals.requestBytes.after === null ? '–' : formatBytes(f.totals.requestBytes.after)} ${signedBytes(f.totals.requestBytes)}`,
      ),
      e(
        `${f.totals.responseBytes.after === null ? '–' : formatBytes(f.totals.responseBytes.after)} ${signedBytes(f.totals.responseBytes)}`,
      ),
    ]),
    [1, 2, 3],
  );
  const fields = diff.flows.flatMap((f) =>
    f.fields.map((x) => [
      e(f.name),
      `${e(stateClassLabel(x.stateClass))} <code>${e(x.path)}</code>`,
      e(x.delta.before === null ? '–' : formatBytes(x.delta.before)),
      e(x.delta.after === null ? '–' : formatBytes(x.delta.after)),
      `<span class="${(x.delta.change ?? 0) > 0 ? 'grew' : 'shrank'}">${e(signedBytes(x.delta))}</span>`,
    ]),
  );
  const events = diff.flows.flatMap((f) =>
    f.events
      .filter((x) => x.request.change !== 0 || x.response.change !== 0)
      .map((x) => [
        e(f.name),
        String(x.index),
        e(x.label),
        e(signedBytes(x.request)),
        e(signedBytes(x.response)),
        e(signedBytes(x.heldState)),
      ]),
  );
  return (
    `<section><h2>Change against the baseline</h2><p class="muted">${e(diff.file)} · ${e(diff.generatedAt)}</p>${flows}` +
    (fields.length
      ? `<h3>Fields</h3>${table(['flow', 'field', 'before', 'after', 'change'], fields, [2, 3, 4])}`
      : '') +
    (events.length
      ? `<h3>Events</h3>${table(['flow', '#', 'event', 'up', 'down', 'held state'], events, [1, 3, 4, 5])}`
      : '') +
    '</section>'
  );
}

/** Escaped text with the advice's `inline code` shown as code (the advice is written with backticks). */
export const inlineCode = (text: string): string =>
  text
    .split(/(`[^`\n]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? `<code>${e(part.slice(1, -1))}</code>` : e(part)))
    .join('');

function findingsList(findings: readonly Finding[]): string {
  const items = findings
    .map(
      (f) =>
        `<li><span class="badge ${f.level === 'error' ? 'fail' : f.level === 'warn' ? 'warn' : 'info'}">${e(f.level)}</span> <strong>${inlineCode(f.title)}</strong><p>${inlineCode(f.advice)}</p>` +
        (f.envLines.length ? `<pre># .env (restart Mesop to apply)\n${e(f.envLines.join('\n'))}</pre>` : '') +
        findingFacts(f) +
        '</li>',
    )
    .join('');
  return `<ul class="findings">${items}</ul>`;
}

/** The effect (the one sentence every output shows) and the events it rests on. */
function findingFacts(f: Finding): string {
  const effect = effectText(f.effect);
  const events = f.evidence.events.length
    ? `events ${f.evidence.events
        .slice(0, 12)
        .map((i) => `#${i}`)
        .join(', ')}${f.evidence.events.length > 12 ? ` and ${f.evidence.events.length - 12} more` : ''}`
    : '';
  const facts = [effect ? `<strong>Effect:</strong> ${e(effect)}` : '', events ? e(events) : ''].filter(Boolean);
  return facts.length ? `<p class="muted">${facts.join('<br>')}</p>` : '';
}

/** What to read first: the findings of every flow, before the numbers. */
function findingsSection(report: CheckReport): string {
  const flows = report.flows.filter((f) => f.report.findings.length);
  if (!flows.length) return '';
  return `<section><h2>Findings</h2>${flows.map((f) => `${report.flows.length > 1 ? `<h3>${e(f.name)}</h3>` : ''}${findingsList(f.report.findings)}`).join('')}</section>`;
}

function serverErrorsSection(report: CheckReport): string {
  const rows = serverErrors(report).map((x) => [
    e(x.flow),
    String(x.event.index),
    e(eventLabel(x.event)),
    `<code>${e(firstLine(x.event.error ?? ''))}</code>`,
  ]);
  return rows.length
    ? `<section><h2>Server errors</h2><p>A handler raised: the user saw no update, and the budgets measured a flow that did not finish.</p>${table(['flow', '#', 'event', 'exception (first line)'], rows, [1])}</section>`
    : '';
}

function problemsSection(report: CheckReport): string {
  const rows = captureProblems(report).map((r) => r.map(e));
  return rows.length
    ? `<section><h2>Capture problems</h2><p class="muted">Parts of these events could not be read; their numbers may be short.</p>${table(['flow', 'where', 'problem'], rows)}</section>`
    : '';
}

function flowSection(flow: CheckFlow): string {
  const r = flow.report;
  const t = r.session.totals;
  const events = table(
    ['#', 'event', 'up', 'up state', 'down', 'down state', 'held state', 'ms', 'biggest field', 'notes'],
    r.events.map((ev) => [
      String(ev.index),
      e(`${ev.kind} ${shortHandler(ev.handlerId)}`),
      e(formatBytes(ev.request.bytes)),
      e(ev.request.stateUpload === 'full' ? formatBytes(sum(ev.request.stateBytes)) : ev.request.stateUpload),
      e(formatBytes(ev.response.bytes)),
      e(
        ev.response.stateDownload === 'none'
          ? ''
          : `${formatBytes(sum(ev.response.stateBytes))} ${ev.response.stateDownload}`,
      ),
      e(ev.mirror.stateBytes.length ? formatBytes(sum(ev.mirror.stateBytes)) : ''),
      e(ev.durationMs === null ? '' : String(Math.round(ev.durationMs))),
      ev.topFields[0] ? `<code>${e(ev.topFields[0].path)}</code> ${e(formatBytes(ev.topFields[0].bytes))}` : '',
      e([ev.error ? `error: ${ev.error}` : '', ...ev.problems].filter(Boolean).join('; ')),
    ]),
    [0, 2, 3, 4, 5, 6, 7],
  );
  const last = r.events[r.events.length - 1];
  const fields = last?.topFields.length
    ? `<h3>Biggest fields after the last event</h3>${table(
        ['state', 'field', 'kind', 'bytes', 'share'],
        last.topFields.map((f) => [
          `#${f.stateClass}`,
          `<code>${e(f.path)}</code>`,
          e(f.blob ?? f.kind),
          e(formatBytes(f.bytes)),
          `${Math.round(f.share * 100)}%`,
        ]),
        [3, 4],
      )}`
    : '';
  const runs =
    flow.runs.length > 1
      ? `<p class="muted">${flow.runs.length} runs; shown: run ${flow.representativeRun}. Wall times: ${flow.runs.map((x) => `${(x.wallMs / 1000).toFixed(1)} s`).join(', ')}</p>`
      : '';
  return (
    `<section><h2>Flow: ${e(flow.name)}</h2><p>${r.events.length} events · transport ${e(r.session.transport)} · state backend ${e(r.session.backend)} · up ${e(formatBytes(t.requestBytes))} (state ${e(formatBytes(t.upStateBytes))}) · down ${e(formatBytes(t.responseBytes))}</p>${runs}` +
    renderEventChart(r.events) +
    events +
    fields +
    '</section>'
  );
}

export function renderHtml(report: CheckReport, title = 'Mesop payload report'): string {
  const s = report.summary;
  const errors = serverErrors(report).length;
  const verdict =
    (s.failed
      ? `<span class="badge fail">${s.failed} budget(s) failed</span>`
      : `<span class="badge pass">error budgets hold</span>`) +
    (errors ? ` <span class="badge fail">${errors} server error(s)</span>` : '');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${HTML_STYLES}</style></head>
<body><header><h1>${e(title)}</h1><p>${verdict} ${s.warned} warning(s) · ${s.passed} passed · ${report.flows.length} flow(s)${report.runs > 1 ? ` × ${report.runs} runs (${e(report.aggregate)})` : ''}</p>
<p class="muted">${e(report.app.origin)} · generated ${e(report.generatedAt)} by mesop-devtools ${e(report.tool.version)}</p></header>
<main>${serverErrorsSection(report)}${findingsSection(report)}${budgetsSection(report)}${problemsSection(report)}${report.baseline ? baselineSection(report.baseline) : ''}${report.flows.map(flowSection).join('\n')}</main></body></html>
`;
}
