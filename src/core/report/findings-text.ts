import type { Finding } from '../advise/finding';
import type { BudgetResult } from '../budget/budget-types';
import { formatBytes } from '../measure/format-bytes';

const LEVEL_TAG = { error: 'ERROR', warn: 'WARN ', info: 'info ' } as const;

/** The findings block the CLI prints under the event table (most severe first, as given). */
export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'Findings: none. Nothing in this session needs attention.\n';
  const lines = [`Findings (${findings.length}):`];
  for (const f of findings) {
    lines.push('', `${LEVEL_TAG[f.level]} ${f.title}`);
    if (f.evidence.events.length) lines.push(`      events: ${eventList(f.evidence.events)}`);
    lines.push(...wrap(f.advice, 96).map((l) => `      ${l}`));
    if (f.envLines.length) lines.push('      .env:', ...f.envLines.map((l) => `        ${l}`));
    if (f.effect.bytesPerEvent > 0) {
      lines.push(`      effect: -${formatBytes(f.effect.bytesPerEvent)} ${f.effect.direction === 'up' ? 'uploaded' : 'downloaded'} per event`
        + ` (${seconds(f.effect.secondsPerEventSlow4G)} at Slow 4G, ${seconds(f.effect.secondsPerEvent3G)} at 3G)`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One line per budget; failures first. */
export function renderBudgets(results: readonly BudgetResult[]): string {
  if (results.length === 0) return '';
  const order = (r: BudgetResult) => (r.passed ? 2 : r.level === 'error' ? 0 : 1);
  const sorted = [...results].sort((a, b) => order(a) - order(b));
  const failed = results.filter((r) => !r.passed && r.level === 'error').length;
  const warned = results.filter((r) => !r.passed && r.level === 'warn').length;
  const lines = [`Budgets: ${results.length - failed - warned} passed, ${warned} warning(s), ${failed} failed`];
  for (const r of sorted) lines.push(`  ${r.passed ? 'pass ' : r.level === 'error' ? 'FAIL ' : 'WARN '} ${r.message}`);
  return `${lines.join('\n')}\n`;
}

const seconds = (s: number) => (s < 0.01 ? '<0.01 s' : `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`);

function eventList(events: readonly number[]): string {
  const shown = events.slice(0, 12).map((e) => `#${e}`).join(', ');
  return events.length > 12 ? `${shown} and ${events.length - 12} more` : shown;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) { out.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
