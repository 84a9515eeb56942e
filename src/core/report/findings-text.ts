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
 * the saving over the whole recorded session first (what findings are ranked by), then per
 * affected event (the mean, and the most when events differ), with the time at Slow 4G and 3G;
 * removed round trips are named. Undefined when the finding saves nothing measurable.
 * "1.4 MB less uploaded over the recorded session (16.9 s at Slow 4G, 28.5 s at 3G): 2 affected
 * events, 713 kB each on average (8.46 s at Slow 4G, 14.3 s at 3G), up to 1.4 MB on one".
 */
export function effectText(e: Effect): string | undefined {
  if (e.events === 0) return undefined;
  const moved = e.direction === 'up' ? 'uploaded' : 'downloaded';
  const trips = e.roundTrips > 0 ? ` and ${e.roundTrips} round trip(s) fewer` : '';
  const times = (slow4g: number, g3: number) => `(${seconds(slow4g)} at Slow 4G, ${seconds(g3)} at 3G)`;
  const perEvent =
    e.events === 1
      ? 'all on 1 event'
      : `${e.events} affected events, ${formatBytes(e.bytesPerEvent)}${e.roundTrips ? ` and ${e.roundTrips / e.events} round trip(s)` : ''} each on average ` +
        `${times(e.secondsPerEventSlow4G, e.secondsPerEvent3G)}${e.maxBytesPerEvent > e.bytesPerEvent * 1.5 ? `, up to ${formatBytes(e.maxBytesPerEvent)} on one` : ''}`;
  return `${formatBytes(e.sessionBytes)} less ${moved}${trips} over the recorded session ${times(e.sessionSecondsSlow4G, e.sessionSeconds3G)}: ${perEvent}`;
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
export function renderBudgets(results: readonly BudgetResult[], blameOf: (index: number) => string = () => ''): string {
  if (results.length === 0) return '';
  const order = (r: BudgetResult) => (r.passed ? 2 : r.level === 'error' ? 0 : 1);
  const sorted = results.map((r, i) => ({ r, blame: blameOf(i) })).sort((a, b) => order(a.r) - order(b.r));
  const failed = results.filter((r) => !r.passed && r.level === 'error').length;
  const warned = results.filter((r) => !r.passed && r.level === 'warn').length;
  const lines = [`Budgets: ${results.length - failed - warned} passed, ${warned} warning(s), ${failed} failed`];
  for (const { r, blame } of sorted) {
    lines.push(`  ${r.passed ? 'pass ' : r.level === 'error' ? 'FAIL ' : 'WARN '} ${r.message}`);
    // What a failed budget points at (event, handler, field), indented under it as check prints it.
    if (blame) lines.push(`         ${blame}`);
  }
  return `${lines.join('\n')}\n`;
}

const seconds = (s: number) => (s < 0.01 ? '<0.01 s' : `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`);

function eventList(events: readonly number[]): string {
  const shown = events
    .slice(0, 12)
    .map((e) => `#${e}`)
    .join(', ');
  return events.length > 12 ? `${shown} and ${events.length - 12} more` : shown;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
