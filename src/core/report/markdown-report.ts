/**
 * The check report as GitHub-flavoured Markdown for a pull-request comment. The first two lines
 * never change (a marker comment and the heading), so sticky-comment actions can find and replace
 * the previous comment; everything below is tables. Pure string building.
 */
import { stateClassLabel } from '../session/numbering';
import { formatBytes } from '../measure/format-bytes';
import type { BaselineDiff, Delta } from './baseline-diff';
import type { CheckBudgetResult, CheckReport } from './check-report';
import { firstLine } from './describe-event';
import { increaseText } from '../budget/increase';
import { TOKEN_NOT_FOUND } from '../session/build-session';
import { eventLabel } from './baseline-diff';
import { fitSections, GITHUB_COMMENT_LIMIT } from './comment-limit';
import { shortHandler } from './event-table';
import { renderFindingsMarkdown } from './findings-markdown';
import type { ReportEvent } from './report-types';
import { sum } from '../sum';

export const MARKDOWN_MARKER = '<!-- mesop-devtools:check -->';
export const MARKDOWN_HEADING = '## Mesop payload budgets';

/**
 * A table cell: one line, pipes escaped (else they split the cell), and outside code spans `<`, `>`
 * and `&` as entities (GitHub would render `<big>` in a flow name as HTML; inside backticks
 * entities are shown literally, and code spans render markup as text anyway).
 */
export const cell = (text: string): string =>
  text
    .replace(/\r?\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`')
        ? part
        : part.replace(/\\/g, '\\\\').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('')
    .replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
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
  if (ev)
    parts.push(
      `event #${ev.index} ${ev.kind}${ev.handler ? ` ${ev.handler}` : ''}${ev.error ? ` raised: ${ev.error}` : ''}`,
    );
  const f = r.blame?.field;
  if (f)
    parts.push(
      `field ${stateClassLabel(f.stateClass)} ${fmt(f.path)} ${formatBytes(f.bytes)}${f.share ? ` (${Math.round(f.share * 100)}%)` : ''}`,
    );
  if (!f && r.paths?.length)
    parts.push(
      `field ${r.paths
        .slice(0, 3)
        .map((p) => `${stateClassLabel(p.stateClass)} ${fmt(p.path)}`)
        .join(', ')}`,
    );
  if (r.runs) parts.push(`runs: ${r.runs.actuals.map((a) => value(a, r.unit)).join(', ')}`);
  const b = r.baseline;
  if (b && 'before' in b && r.maxIncrease) {
    const pct = b.before ? ` (${b.change >= 0 ? '+' : ''}${Math.round((b.change / b.before) * 100)}%)` : '';
    parts.push(
      `baseline ${fmt(b.file)}: ${value(b.before, r.unit)}, change ${b.change >= 0 ? '+' : '−'}${value(Math.abs(b.change), r.unit)}${pct}, allowed ${increaseText(r.maxIncrease, (n) => value(n, r.unit))}`,
    );
  } else if (b && r.maxIncrease) parts.push(`not in the baseline ${fmt(b.file)}`);
  return parts.join('; ');
}

export interface MarkdownOptions {
  /** The other report files of this run (HTML, JSON), named in the note when the comment is cut. */
  artifacts?: readonly string[];
}

/**
 * The pull-request comment, in the order a reviewer reads it: the verdict, the budgets that failed
 * or warned, server errors and capture problems, the findings with their advice and `.env` lines,
 * the change against the baseline, then every event in `<details>`. Cut to GitHub's comment limit.
 */
export function renderMarkdown(report: CheckReport, options: MarkdownOptions = {}): string {
  const s = report.summary;
  const errors = serverErrors(report);
  const head = s.failed
    ? `${ICON.fail} **${s.failed} budget${s.failed > 1 ? 's' : ''} failed**`
    : s.warned
      ? `${ICON.warn} **all error budgets hold**`
      : `${ICON.pass} **all budgets hold**`;
  const runs = report.runs > 1 ? ` × ${report.runs} runs (${report.aggregate})` : '';
  const errorsNote = errors.length ? ` · ${ICON.fail} ${errors.length} server error(s)` : '';
  const sections = [
    [
      MARKDOWN_MARKER,
      MARKDOWN_HEADING,
      '',
      `${head}${errorsNote} · ${s.warned} warning(s) · ${s.passed} passed · ${report.flows.length} flow(s)${runs}`,
      '',
    ].join('\n'),
  ];
  const budgets = report.flows.flatMap((f) => f.budgets);
  const order = { fail: 0, warn: 1, pass: 2 };
  budgets.sort((a, b) => order[statusOf(a)] - order[statusOf(b)]);
  const notPassed = budgets.filter((r) => !r.passed);
  const passed = budgets.filter((r) => r.passed);
  if (notPassed.length) sections.push(`### Failed and warned budgets\n\n${budgetTable(notPassed)}\n`);
  if (errors.length) {
    sections.push(
      `### Server errors\n\nA handler raised: the user saw no update, and the budgets measured a flow that did not finish.\n\n${markdownTable(
        ['flow', '#', 'event', 'exception (first line)'],
        errors.map((x) => [x.flow, String(x.event.index), eventLabel(x.event), firstLine(x.event.error ?? '')]),
        ['l', 'r', 'l', 'l'],
      )}\n`,
    );
  }
  const problems = captureProblems(report);
  if (problems.length) {
    sections.push(
      `### Capture problems\n\nParts of these events could not be read; their numbers may be short.\n\n${markdownTable(['flow', 'where', 'problem'], problems, ['l', 'l', 'l'])}\n`,
    );
  }
  const withFindings = report.flows.filter((f) => f.report.findings.length);
  if (withFindings.length) {
    sections.push(
      `### Findings\n\n${withFindings.map((f) => `${report.flows.length > 1 ? `#### ${escapeHtmlText(f.name)}\n\n` : ''}${renderFindingsMarkdown(f.report.findings)}`).join('\n\n')}\n`,
    );
  }
  if (report.baseline) sections.push(`${renderBaselineMarkdown(report.baseline)}\n`);
  if (passed.length)
    sections.push(
      `<details><summary>${passed.length} budget(s) passed</summary>\n\n${budgetTable(passed)}\n\n</details>\n`,
    );
  if (!budgets.length) sections.push('_No budgets configured._\n');
  for (const flow of report.flows) {
    const t = flow.report.session.totals;
    sections.push(
      `<details><summary>${escapeHtmlText(flow.name)}: ${flow.report.events.length} events · up ${formatBytes(t.requestBytes)} · down ${formatBytes(t.responseBytes)} · ${flow.report.session.transport}</summary>\n\n${eventTable(flow.report.events)}\n\n</details>\n`,
    );
  }
  const where = options.artifacts?.length
    ? `: see ${options.artifacts.map(code).join(' and ')} (the CI run's artifacts)`
    : ': the HTML and JSON reports (`--html`, `--out`) have all of it';
  const note = `> ✂️ **This comment was cut** to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character limit${where}.`;
  return fitSections(sections, note, `<sub>mesop-devtools ${report.tool.version} · ${report.generatedAt}</sub>`).text;
}

function budgetTable(budgets: readonly CheckBudgetResult[]): string {
  return markdownTable(
    ['', 'flow', 'budget', 'actual', 'limit', 'where'],
    budgets.map((r) => [
      ICON[statusOf(r)],
      r.flow,
      code(r.id),
      value(r.actual, r.unit),
      `${value(r.expected, r.unit)} ${r.level}`,
      blameText(r, code),
    ]),
    ['l', 'l', 'l', 'r', 'r', 'l'],
  );
}

/** Events the server answered with a ServerError (token misses are a deployment matter, counted apart). */
export function serverErrors(report: CheckReport): { flow: string; event: ReportEvent }[] {
  return report.flows.flatMap((f) =>
    f.report.events
      .filter((e) => e.error !== null && e.error !== TOKEN_NOT_FOUND)
      .map((event) => ({ flow: f.name, event })),
  );
}

/** [flow, where, problem] rows: each event's problems, then the session's. */
export function captureProblems(report: CheckReport): string[][] {
  return report.flows.flatMap((f) => [
    ...f.report.events.flatMap((e) => e.problems.map((p) => [f.name, `#${e.index} ${eventLabel(e)}`, p])),
    ...f.report.problems.map((p) => [f.name, 'session', p]),
  ]);
}

function eventTable(events: readonly ReportEvent[]): string {
  return markdownTable(
    ['#', 'event', 'up', 'up state', 'down', 'held state', 'biggest field'],
    events.map((e) => [
      String(e.index),
      `${e.kind}${e.handlerId ? ` ${shortHandler(e.handlerId)}` : ''}`,
      formatBytes(e.request.bytes),
      e.request.stateUpload === 'full' ? formatBytes(sum(e.request.stateBytes)) : e.request.stateUpload,
      formatBytes(e.response.bytes),
      e.mirror.stateBytes.length ? formatBytes(sum(e.mirror.stateBytes)) : '',
      e.topFields[0] ? `${code(e.topFields[0].path)} ${formatBytes(e.topFields[0].bytes)}` : '',
    ]),
    ['r', 'l', 'r', 'r', 'r', 'r', 'l'],
  );
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
  out.push(
    markdownTable(
      ['flow', 'events', 'up', 'down'],
      diff.flows.map((f) => [
        `${f.name}${f.status === 'compared' ? '' : ` (${f.status})`}`,
        `${f.totals.events.after ?? '–'} (${f.totals.events.change === null ? 'n/a' : f.totals.events.change >= 0 ? `+${f.totals.events.change}` : f.totals.events.change})`,
        `${maybeBytes(f.totals.requestBytes.after)} ${signedBytes(f.totals.requestBytes)}`,
        `${maybeBytes(f.totals.responseBytes.after)} ${signedBytes(f.totals.responseBytes)}`,
      ]),
      ['l', 'r', 'r', 'r'],
    ),
  );
  const fields = diff.flows.flatMap((f) => f.fields.map((x) => ({ flow: f.name, ...x })));
  if (fields.length) {
    out.push(
      '',
      markdownTable(
        ['flow', 'field', 'before', 'after', 'change'],
        fields.map((x) => [
          x.flow,
          `${stateClassLabel(x.stateClass)} ${code(x.path)}`,
          maybeBytes(x.delta.before),
          maybeBytes(x.delta.after),
          signedBytes(x.delta),
        ]),
        ['l', 'l', 'r', 'r', 'r'],
      ),
    );
  }
  const changed = diff.flows.flatMap((f) =>
    f.events
      .filter((e) => e.request.change || e.response.change || e.request.change === null)
      .map((e) => ({ flow: f.name, ...e })),
  );
  if (changed.length) {
    out.push(
      '',
      '<details><summary>Events that changed</summary>',
      '',
      markdownTable(
        ['flow', '#', 'event', 'up', 'down', 'held state'],
        changed.map((e) => [
          e.flow,
          String(e.index),
          e.label,
          signedBytes(e.request),
          signedBytes(e.response),
          signedBytes(e.heldState),
        ]),
        ['l', 'r', 'l', 'r', 'r', 'r'],
      ),
      '',
      '</details>',
    );
  }
  return out.join('\n');
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
