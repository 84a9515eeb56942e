import { formatBytes } from '../../src/core';
import type { FieldRow } from '../worker/messages';
import { CopyButton } from './CopyButton';
import { SizeBar } from './SizeBar';

interface Props {
  stateClass: number;
  classBytes: number;
  fields: FieldRow[];
  highlight: string | undefined;
  onPick: (path: string) => void;
}

/** The biggest fields of one state class: path, bytes, share, bar; blobs say what they are. */
export function BiggestFields({ stateClass, classBytes, fields, highlight, onPick }: Props) {
  return (
    <div class="biggest" data-state-class={stateClass}>
      <h4>
        State class #{stateClass} <span class="dim">· {formatBytes(classBytes)} held by the client</span>
      </h4>
      {fields.length === 0 ? (
        <p class="dim">No fields.</p>
      ) : (
        <table class="fields">
          <thead>
            <tr>
              <th>field</th>
              <th class="num">bytes</th>
              <th class="num">share</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.path} class={f.path === highlight ? 'highlight' : ''} data-path={f.path} data-bytes={f.bytes}>
                <td>
                  <button class="link path" onClick={() => onPick(f.path)} title="show in the state tree">
                    {f.path}
                  </button>
                  <CopyButton text={f.path} label="copy path" />
                  {f.blob && <div class="blob">{f.blob}</div>}
                </td>
                <td class="num">{formatBytes(f.bytes)}</td>
                <td class="num">{(f.share * 100).toFixed(1)}%</td>
                <td class="bar-cell">
                  <SizeBar share={f.share} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
