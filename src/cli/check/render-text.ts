import {
  type BaselineDiff,
  blameText,
  type CheckBudgetResult,
  type CheckReport,
  eventLabel,
  firstLine,
  formatBytes,
  renderEventTable,
  serverErrors,
  signedBytes,
  stateClassLabel,
} from '../../core';

const mark = (r: CheckBudgetResult) => (r.passed ? 'pass' : r.level === 'error' ? 'FAIL' : 'WARN');
const order = (r: CheckBudgetResult) => (r.passed ? 2 : r.level === 'error' ? 0 : 1);

/** The human summary on stdout: per flow its event table and budgets, then the baseline, then the verdict. */
export function renderCheckText(report: CheckReport): string {
  const out: string[] = [];
  for (const flow of report.flows) {
    const runs =
      flow.runs.length > 1
        ? ` · ${flow.runs.length} runs (${report.aggregate}), table of run ${flow.representativeRun}`
        : '';
    out.push(`Flow "${flow.name}" (${flow.source})${runs}`, '', renderEventTable(flow.report));
    if (flow.report.findings.length) {
      out.push(`Findings: ${flow.report.findings.map((f) => `[${f.level}] ${f.title}`).join('\n          ')}`, '');
    }
    if (flow.budgets.length) {
      out.push('Budgets:');
      for (const r of [...flow.budgets].sort((a, b) => order(a) - order(b))) {
        out.push(`  ${mark(r)}  ${r.message}`);
        const blame = r.passed ? '' : blameText(r);
        if (blame) out.push(`        ${blame}`);
      }
      out.push('');
    }
  }
  if (report.baseline) out.push(renderBaselineText(report.baseline), '');
  const s = report.summary;
  const failedIds = report.flows.flatMap((f) =>
    f.budgets.filter((r) => !r.passed && r.level === 'error').map((r) => `${f.name}: ${r.id}`),
  );
  out.push(
    s.failed
      ? `check FAILED: ${s.failed} error budget(s) over (${failedIds.join(', ')}), ${s.warned} warning(s), ${s.passed} passed`
      : `check passed: ${s.passed} budget(s) hold, ${s.warned} warning(s)${s.budgets === 0 ? ' (no budgets configured)' : ''}`,
  );
  // A raised handler is named under the verdict whatever the budgets say: it is the first thing to fix.
  for (const x of serverErrors(report))
    out.push(
      `  server error in "${x.flow}": event #${x.event.index} ${eventLabel(x.event)} raised: ${firstLine(x.event.error ?? '')}`,
    );
  return `${out.join('\n')}\n`;
}

function renderBaselineText(diff: BaselineDiff): string {
  const lines = [`Against the baseline ${diff.file} (${diff.generatedAt}):`];
  for (const f of diff.flows) {
    if (f.status !== 'compared') {
      lines.push(`  ${f.name}: ${f.status}`);
      continue;
    }
    lines.push(
      `  ${f.name}: up ${formatBytes(f.totals.requestBytes.after ?? 0)} ${signedBytes(f.totals.requestBytes)}, down ${formatBytes(f.totals.responseBytes.after ?? 0)} ${signedBytes(f.totals.responseBytes)}, events ${f.totals.events.after ?? 0} (was ${f.totals.events.before ?? 0})`,
    );
    for (const x of f.fields.slice(0, 5))
      lines.push(`    field ${stateClassLabel(x.stateClass)} ${x.path}: ${signedBytes(x.delta)}`);
    const grew = f.events.filter((e) => e.request.change !== 0 || e.response.change !== 0).slice(0, 5);
    for (const e of grew)
      lines.push(`    event #${e.index} ${e.label}: up ${signedBytes(e.request)}, down ${signedBytes(e.response)}`);
  }
  return lines.join('\n');
}
