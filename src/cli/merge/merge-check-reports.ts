/**
 * One check report from the reports of a sharded check (`check --shard i/n` in n CI jobs): the
 * flows side by side, the summary and verdict recomputed from all budgets, and the baseline
 * comparison joined (a shard's diff calls the other shards' flows "missing"; whichever shard ran a
 * flow has its real comparison).
 */
import { type BaselineDiff, type CheckReport, type FlowDiff, summarize } from '../../core';
import { UserError, USER_ERRORS } from '../user-error';

export interface NamedReport {
  file: string;
  report: CheckReport;
}

export function mergeCheckReports(parts: readonly NamedReport[]): CheckReport {
  const [first, ...rest] = parts;
  if (!first)
    throw new UserError(
      USER_ERRORS.USAGE,
      'no reports to merge',
      'give the JSON reports of the shards: mesop-devtools merge-reports <report.json>...',
    );
  for (const p of rest) {
    for (const key of ['runs', 'aggregate'] as const) {
      if (p.report[key] !== first.report[key]) {
        throw new UserError(
          USER_ERRORS.USAGE,
          `${p.file} has ${key} ${JSON.stringify(p.report[key])}, ${first.file} ${JSON.stringify(first.report[key])}`,
          'merge the shards of one check (same --runs and --aggregate)',
        );
      }
    }
  }
  const flows = parts.flatMap((p) => p.report.flows);
  const seen = new Map<string, string>();
  for (const p of parts) {
    for (const f of p.report.flows) {
      const other = seen.get(f.name);
      if (other !== undefined)
        throw new UserError(
          USER_ERRORS.USAGE,
          `flow "${f.name}" is in both ${other} and ${p.file}`,
          'each flow must be in one shard only',
        );
      seen.set(f.name, p.file);
    }
  }
  const summary = summarize(flows);
  return {
    ...first.report,
    generatedAt: parts
      .map((p) => p.report.generatedAt)
      .sort()
      .at(-1)!,
    passed: summary.failed === 0,
    summary,
    flows,
    baseline: mergeBaselines(parts.map((p) => p.report.baseline)),
  };
}

function mergeBaselines(diffs: readonly (BaselineDiff | null)[]): BaselineDiff | null {
  const present = diffs.filter((d): d is BaselineDiff => d !== null);
  if (!present.length) return null;
  const byName = new Map<string, FlowDiff>();
  for (const d of present) {
    for (const f of d.flows) {
      const had = byName.get(f.name);
      if (!had || had.status === 'missing') byName.set(f.name, f);
    }
  }
  return { file: present[0]!.file, generatedAt: present[0]!.generatedAt, flows: [...byName.values()] };
}
