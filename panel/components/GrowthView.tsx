import { formatBytes } from '../../src/core';
import type { GrowthRow } from '../worker/messages';
import type { FieldPick } from './EventDetailView';

/** Fields whose size rises within a page load, fastest first, with the bytes added per event that grew them. */
export function GrowthView({
  rows,
  onPick,
}: {
  rows: GrowthRow[];
  onPick: (eventIndex: number, field: FieldPick) => void;
}) {
  if (rows.length === 0) return <p class="dim">No field grew in two or more events so far.</p>;
  return (
    <table class="fields growth">
      <thead>
        <tr>
          <th>field</th>
          <th class="num">first</th>
          <th class="num">last</th>
          <th class="num">per rise</th>
          <th class="num">rises</th>
          <th class="num">events</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.stateClass}:${r.path}`} data-path={r.path} data-rate={r.ratePerEvent}>
            <td>
              <button class="link path" onClick={() => onPick(r.lastEvent, { stateClass: r.stateClass, path: r.path })}>
                {r.stateClass > 1 ? `#${r.stateClass} ` : ''}
                {r.path}
              </button>
            </td>
            <td class="num">{formatBytes(r.firstBytes)}</td>
            <td class="num">{formatBytes(r.lastBytes)}</td>
            <td class="num grew">+{formatBytes(r.ratePerEvent)}</td>
            <td class="num">{r.increases}</td>
            <td class="num">
              #{r.firstEvent}–#{r.lastEvent}
              {r.pageLoadsGrown > 1 ? ` (${r.pageLoadsGrown} page loads)` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
