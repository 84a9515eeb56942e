/** The capacity report as Markdown for a pull request: one table of steps, one sizing line per configuration. */
import { formatBytes } from '../measure/format-bytes';
import { sizingLine, type LoadReport } from './capacity-report';

const cell = (v: number | null, unit = ' ms'): string => (v == null ? '-' : `${Math.round(v)}${unit}`);
const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/`/g, "'");

export function renderLoadMarkdown(report: LoadReport): string {
  const lines = [
    `### Mesop capacity: ${escape(report.source)}`,
    '',
    `Recorded session replayed by virtual users, ${report.stepSeconds} s per step, think times x${report.thinkScale}; target p95 < ${report.p95TargetMs} ms.`,
    '',
    '| backend | server | users | events/s | p50 | p95 | p99 | errors | token misses | server RSS | disk |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const c of report.configurations) {
    for (const s of c.steps) {
      lines.push(
        `| ${c.backend} | \`${escape(c.server)}\` | ${s.users} | ${s.eventsPerSecond.toFixed(1)} | ${cell(s.p50Ms)} | ${cell(s.p95Ms)} | ${cell(s.p99Ms)} | ${s.errors} | ${s.tokenMisses} | ${s.rssBytes == null ? '-' : formatBytes(s.rssBytes)} | ${s.diskBytes == null ? '-' : formatBytes(s.diskBytes)} |`,
      );
    }
  }
  lines.push('');
  for (const c of report.configurations) lines.push(`- ${escape(sizingLine(c, report.p95TargetMs))}`);
  return `${lines.join('\n')}\n`;
}
