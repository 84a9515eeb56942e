import { formatBytes } from '../../src/core';
import type { DiffRow } from '../worker/messages';

/** Which fields changed size since the previous event, biggest change first. */
export function FieldDiff({
  rows,
  eventIndex,
  onPick,
}: {
  rows: DiffRow[];
  eventIndex: number;
  onPick: (stateClass: number, path: string) => void;
}) {
  if (eventIndex === 0) return <p class="dim">First event: nothing to compare with.</p>;
  if (rows.length === 0) return <p class="dim">No field changed size since #{eventIndex - 1}.</p>;
  return (
    <table class="fields diff">
      <thead>
        <tr>
          <th>field</th>
          <th class="num">#{eventIndex - 1}</th>
          <th class="num">#{eventIndex}</th>
          <th class="num">change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.stateClass}:${r.path}`} data-path={r.path} data-delta={r.delta}>
            <td>
              <button class="link path" onClick={() => onPick(r.stateClass, r.path)}>
                {r.stateClass > 1 ? `#${r.stateClass} ` : ''}
                {r.path}
              </button>
            </td>
            <td class="num">{r.before === null ? 'new' : formatBytes(r.before)}</td>
            <td class="num">{r.after === null ? 'removed' : formatBytes(r.after)}</td>
            <td class={`num ${r.delta > 0 ? 'grew' : 'shrank'}`}>
              {r.delta > 0 ? '+' : ''}
              {formatBytes(r.delta)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
