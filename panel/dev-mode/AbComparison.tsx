import { type ComparedEvent, type EventFigures, formatBytes, type RunComparison, shortHandler } from '../../src/core';
import { transportNote } from './ab-runs';

type Metric = 'up' | 'down' | 'stateUp' | 'stateDown' | 'timeMs';
const METRICS: { key: Metric; label: string; title: string }[] = [
  { key: 'up', label: 'up', title: 'request bytes on the wire (a token retry is added to the event it retries)' },
  { key: 'down', label: 'down', title: 'response bytes on the wire' },
  { key: 'stateUp', label: 'state up', title: 'state JSON uploaded (UTF-8 bytes)' },
  { key: 'stateDown', label: 'state down', title: 'state JSON sent down, full or diff (UTF-8 bytes)' },
  { key: 'timeMs', label: 'ms', title: 'request start to the last response message' },
];

const show = (m: Metric, v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : m === 'timeMs' ? String(Math.round(v)) : formatBytes(v);
const pct = (share: number): string => `${Math.round(Math.abs(share) * 100)} %`;
/** Lower is better for every metric; a change under 1 % (time: 5 ms) is noise, not a result. */
const trend = (m: Metric, a: number | null, b: number | null): string => {
  if (a === null || b === null) return '';
  const noise = m === 'timeMs' ? 5 : Math.max(1, a * 0.01);
  return b < a - noise ? 'better' : b > a + noise ? 'worse' : '';
};
const label = (f: EventFigures | null): string =>
  f ? [f.kind, shortHandler(f.handlerId ?? null)].filter(Boolean).join(' · ') : '';

/**
 * The A/B comparison (src/core/compare): run A (before the switch) and run B (after), side by side
 * per event, with the measured saving over the events both runs have.
 */
export function AbComparison({ cmp, onClear }: { cmp: RunComparison; onClear: () => void }) {
  const paired = cmp.rows.filter((r) => r.a && r.b).length;
  const differ = cmp.rows.find((r) => r.a && r.b && !r.matched);
  const missingB = cmp.totals.a.events - paired;
  const note = transportNote(cmp);
  const s = cmp.saving;
  const word = (n: number) => (n >= 0 ? `saves ${formatBytes(n)}` : `costs ${formatBytes(-n)} more`);
  return (
    <section class="ab" id="ab-comparison" aria-label="A/B comparison">
      <div class="ab-head">
        <b>A/B</b>
        <span class="ab-run a">A: {cmp.a.label}</span>
        <span class="dim">→</span>
        <span class="ab-run b">B: {cmp.b.label}</span>
        <span
          id="ab-saving"
          data-up={s.up}
          data-down={s.down}
          data-total={s.total}
          data-paired={paired}
          class={s.total > 0 ? 'better' : s.total < 0 ? 'worse' : ''}
        >
          B {word(s.up)} up ({pct(s.upShare)}) and {word(s.total)} in total ({pct(s.totalShare)}) over {paired} paired
          event{paired === 1 ? '' : 's'}
        </span>
        <span class="grow" />
        <button id="ab-clear" onClick={onClear} title="forget run A and run B">
          Clear comparison
        </button>
      </div>
      {missingB > 0 && (
        <div class="ab-note" id="ab-progress">
          Run B has {paired} of run A's {cmp.totals.a.events} events: repeat the same steps in the page to complete it.
        </div>
      )}
      {note && (
        <div class="ab-note warn" id="ab-transport-note">
          {note}
        </div>
      )}
      {differ && (
        <div class="ab-note warn">
          The flows differ from event #{differ.position} ({label(differ.a)} vs {label(differ.b)}): the saving compares
          different steps.
        </div>
      )}
      <div class="ab-table-box">
        <table class="ab-table">
          <thead>
            <tr>
              <th rowSpan={2}>#</th>
              <th rowSpan={2}>event</th>
              {METRICS.map((m) => (
                <th key={m.key} colSpan={2} title={m.title}>
                  {m.label}
                </th>
              ))}
            </tr>
            <tr>
              {METRICS.map((m) => [
                <th key={`${m.key}a`} class="num a">
                  A
                </th>,
                <th key={`${m.key}b`} class="num b">
                  B
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {cmp.rows.map((r) => (
              <Row key={r.position} r={r} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <td>total ({paired} paired)</td>
              {METRICS.map((m) => {
                const a = pairedTotal(cmp, m.key, 'a');
                const b = pairedTotal(cmp, m.key, 'b');
                return [
                  <td key={`${m.key}a`} class="num">
                    {show(m.key, a)}
                  </td>,
                  <td key={`${m.key}b`} class={`num ${trend(m.key, a, b)}`}>
                    {show(m.key, b)}
                  </td>,
                ];
              })}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function Row({ r }: { r: ComparedEvent }) {
  const { a, b } = r;
  return (
    <tr
      class={r.a && r.b && !r.matched ? 'mismatch' : ''}
      data-position={r.position}
      data-up-a={a?.up}
      data-up-b={b?.up}
      data-down-a={a?.down}
      data-down-b={b?.down}
    >
      <td class="num">{r.position}</td>
      <td class="ab-event" title={b && a && !r.matched ? `A: ${label(a)} / B: ${label(b)}` : ''}>
        {label(a ?? b)}
        {b?.tokenRetries ? (
          <span class="badge warn" title="B re-sent this event after 'Token not found'">
            {' '}
            retry
          </span>
        ) : null}
      </td>
      {METRICS.map((m) => {
        const va = a ? a[m.key] : null;
        const vb = b ? b[m.key] : null;
        return [
          <td key={`${m.key}a`} class="num">
            {a ? show(m.key, va) : '–'}
          </td>,
          <td key={`${m.key}b`} class={`num ${trend(m.key, va, vb)}`}>
            {b ? show(m.key, vb) : '…'}
          </td>,
        ];
      })}
    </tr>
  );
}

/** Totals over the paired events only (the same events the saving is measured on). */
function pairedTotal(cmp: RunComparison, m: Metric, side: 'a' | 'b'): number | null {
  let total = 0;
  for (const r of cmp.rows) {
    if (!r.a || !r.b) continue;
    const v = r[side]![m];
    if (v === null) return null;
    total += v;
  }
  return total;
}
