/**
 * The capacity report as one self-contained HTML page: p95 latency vs users and server memory vs
 * users, one line per configuration (inline SVG: no script, no network), then the step table and
 * the sizing lines. Pure string building.
 */
import { formatBytes } from '../measure/format-bytes';
import { escapeHtml } from '../report/html-escape';
import { HTML_STYLES } from '../report/html-styles';
import { sizingLine, type LoadReport } from './capacity-report';

const W = 720;
const H = 260;
const PAD = { left: 76, right: 220, top: 14, bottom: 40 };
const COLORS = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83'];

interface Series {
  name: string;
  points: [number, number][];
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * p >= max) ?? 10) * p;
}

/** Lines over users; `target`, when given, is drawn as a dashed horizontal rule. */
export function lineChart(
  title: string,
  series: readonly Series[],
  format: (v: number) => string,
  target?: number,
): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return `<p class="muted">${escapeHtml(title)}: nothing measured.</p>`;
  const xMax = Math.max(...all.map(([x]) => x));
  const yMax = niceMax(Math.max(...all.map(([, y]) => y), target ?? 0));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + (v / xMax) * plotW;
  const y = (v: number) => PAD.top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${y(v).toFixed(1)}" class="axis" text-anchor="end" dominant-baseline="middle">${escapeHtml(format(v))}</text>`,
    );
  }
  for (const users of [...new Set(all.map(([u]) => u))]) {
    parts.push(
      `<text x="${x(users).toFixed(1)}" y="${H - PAD.bottom + 16}" class="axis" text-anchor="middle">${users}</text>`,
    );
  }
  parts.push(`<text x="${PAD.left + plotW / 2}" y="${H - 6}" class="axis" text-anchor="middle">users</text>`);
  if (target !== undefined) {
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(target).toFixed(1)}" y2="${y(target).toFixed(1)}" stroke="#80868b" stroke-dasharray="4 3"/>`,
    );
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const pts = s.points.map(([u, v]) => `${x(u).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts}"/>`);
    for (const [u, v] of s.points) {
      parts.push(
        `<circle cx="${x(u).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${color}"><title>${escapeHtml(`${s.name}: ${u} users, ${format(v)}`)}</title></circle>`,
      );
    }
    parts.push(
      `<text x="${W - PAD.right + 8}" y="${PAD.top + 14 + i * 16}" fill="${color}" class="axis">${escapeHtml(s.name)}</text>`,
    );
  });
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg></figure>`;
}

export function renderLoadHtml(report: LoadReport): string {
  const label = (i: number) => `${report.configurations[i]!.backend}, ${shortServer(report.configurations[i]!.server)}`;
  const latency = report.configurations.map((c, i) => ({
    name: label(i),
    points: c.steps.filter((s) => s.p95Ms != null).map((s) => [s.users, s.p95Ms!] as [number, number]),
  }));
  const memory = report.configurations.map((c, i) => ({
    name: label(i),
    points: c.steps.filter((s) => s.rssBytes != null).map((s) => [s.users, s.rssBytes!] as [number, number]),
  }));
  const rows = report.configurations.flatMap((c) =>
    c.steps.map(
      (s) =>
        `<tr><td>${escapeHtml(c.backend)}</td><td>${escapeHtml(c.server)}</td>` +
        `<td class="num">${s.users}</td><td class="num">${s.eventsPerSecond.toFixed(1)}</td><td class="num">${ms(s.p50Ms)}</td><td class="num">${ms(s.p95Ms)}</td>` +
        `<td class="num">${ms(s.p99Ms)}</td><td class="num">${s.errors}</td><td class="num">${s.tokenMisses}</td>` +
        `<td class="num">${s.rssBytes == null ? '-' : formatBytes(s.rssBytes)}</td><td class="num">${s.diskBytes == null ? '-' : formatBytes(s.diskBytes)}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mesop capacity: ${escapeHtml(report.source)}</title>
<style>${HTML_STYLES}</style></head><body>
<h1>Mesop capacity: ${escapeHtml(report.source)}</h1>
<p class="muted">Recorded session replayed by virtual users, ${report.stepSeconds} s per step, think times x${report.thinkScale}; target p95 &lt; ${report.p95TargetMs} ms (dashed).</p>
${lineChart('p95 event latency vs users', latency, (v) => `${Math.round(v)} ms`, report.p95TargetMs)}
${lineChart('server memory (RSS of the process tree) vs users', memory, formatBytes)}
<ul>${report.configurations.map((c) => `<li>${escapeHtml(sizingLine(c, report.p95TargetMs))}</li>`).join('')}</ul>
<table><thead><tr><th>backend</th><th>server</th><th>users</th><th>events/s</th><th>p50</th><th>p95</th><th>p99</th><th>errors</th><th>token misses</th><th>server RSS</th><th>disk</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
</body></html>
`;
}

/** `/x/.venv/bin/gunicorn -w 2 chat:me` -> `gunicorn -w 2 chat:me`, bounded for a legend. */
function shortServer(server: string): string {
  const [program = '', ...rest] = server.trim().split(/\s+/);
  const text = [program.split('/').pop(), ...rest].join(' ');
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

const ms = (v: number | null): string => (v == null ? '-' : `${Math.round(v)} ms`);
