import type { Effect, Finding } from '../advise/finding';
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
    const effect = effectText(f.effect);
    if (effect) lines.push(...wrap(`effect: ${effect}`, 96).map((l) => `      ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A finding's effect in one sentence, the same in every output (terminal, Markdown, HTML, panel):
 * the saving on each affected event and over the whole recorded session, with the time at Slow 4G
 * and 3G; removed round trips are named. Undefined when the finding saves nothing measurable.
 * "366 kB less downloaded on each of 2 affected event(s) (2.03 s at Slow 4G, 7.31 s at 3G each);
 * 731 kB over the recorded session (4.06 s at Slow 4G, 14.6 s at 3G)".
 */
export function effectText(e: Effect): string | undefined {
  if (e.events === 0) return undefined;
  const moved = e.direction === 'up' ? 'uploaded' : 'downloaded';
  const trips = e.roundTrips > 0 ? ` and ${e.roundTrips === e.events ? 'one round trip' : `${e.roundTrips / e.events} round trips`} fewer` : '';
  return `${formatBytes(e.bytesPerEvent)} less ${moved}${trips} on each of ${e.events} affected event(s) `
    + `(${seconds(e.secondsPerEventSlow4G)} at Slow 4G, ${seconds(e.secondsPerEvent3G)} at 3G each); `
    + `${formatBytes(e.sessionBytes)}${e.roundTrips ? ` and ${e.roundTrips} round trip(s)` : ''} over the recorded session `
    + `(${seconds(e.sessionSecondsSlow4G)} at Slow 4G, ${seconds(e.sessionSeconds3G)} at 3G)`;
}

/**
 * Advice text split at its inline code (Markdown backticks), for outputs that can show code as
 * code (the panel's and the HTML report's `<code>`): odd pieces are code. An unmatched backtick
 * stays literal text.
 */
export function inlineCodeParts(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  const re = /`([^`]+)`/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), code: false });
    parts.push({ text: m[1]!, code: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), code: false });
  return parts;
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
