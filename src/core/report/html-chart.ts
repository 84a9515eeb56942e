/**
 * Payload per event as an inline SVG bar chart (up and down side by side, held state as a line),
 * so the HTML report needs no script, no canvas and no network to show it. Tooltips are SVG
 * <title> elements. Pure string building; sizes are the report's wire bytes.
 */
import { formatBytes } from '../measure/format-bytes';
import { eventLabel } from './baseline-diff';
import { escapeHtml } from './html-escape';
import type { ReportEvent } from './report-types';
import { sum } from '../sum';

const W = 760;
const H = 250;
const PAD = { left: 76, right: 12, top: 14, bottom: 42 };

/** 1-2-5 steps, so axis labels read as round numbers. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * p >= max) ?? 10) * p;
}

export function renderEventChart(events: readonly ReportEvent[]): string {
  if (events.length === 0) return '<p class="muted">No events.</p>';
  const held = events.map((e) => sum(e.mirror.stateBytes));
  const top = niceMax(Math.max(...events.map((e) => Math.max(e.request.bytes, e.response.bytes)), ...held));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / events.length;
  const barW = Math.max(1, Math.min(18, slot * 0.4));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const parts: string[] = [];
  // Round tick values: a top of 2·10^n gets quarters (0.5·10^n steps), 1 and 5·10^n fifths.
  const steps = Math.round(top / 10 ** Math.floor(Math.log10(top))) === 2 ? 4 : 5;
  for (const f of Array.from({ length: steps + 1 }, (_, i) => i / steps)) {
    const yy = y(top * f).toFixed(1);
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yy}" y2="${yy}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${yy}" class="axis" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatBytes(top * f))}</text>`,
    );
  }
  events.forEach((e, i) => {
    const x0 = PAD.left + i * slot + slot / 2;
    const label = escapeHtml(`#${e.index} ${eventLabel(e)}`);
    const bar = (x: number, v: number, cls: string, what: string) =>
      `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - y(v)).toFixed(1)}" class="${cls}"><title>${label}: ${what} ${escapeHtml(formatBytes(v))}</title></rect>`;
    parts.push(bar(x0 - barW, e.request.bytes, 'up', 'up'), bar(x0, e.response.bytes, 'down', 'down'));
    if (events.length <= 40 || i % Math.ceil(events.length / 40) === 0) {
      parts.push(
        `<text x="${x0.toFixed(1)}" y="${H - PAD.bottom + 14}" class="axis" text-anchor="middle">${e.index}</text>`,
      );
    }
  });
  // Axis titles: what a bar is and what the numbers under it are.
  parts.push(
    `<text x="14" y="${PAD.top + plotH / 2}" class="axis title" text-anchor="middle" transform="rotate(-90 14 ${PAD.top + plotH / 2})">bytes on the wire</text>`,
    `<text x="${PAD.left + plotW / 2}" y="${H - 6}" class="axis title" text-anchor="middle">event #</text>`,
  );
  const points = held.map((v, i) => `${(PAD.left + i * slot + slot / 2).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  if (held.some((v) => v > 0))
    parts.push(`<polyline points="${points}" class="held"><title>held state after each event</title></polyline>`);
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="payload per event">${parts.join('')}</svg>` +
    '<p class="legend"><span class="sw up"></span>up (request) <span class="sw down"></span>down (response) <span class="sw held"></span>held state</p>'
  );
}
