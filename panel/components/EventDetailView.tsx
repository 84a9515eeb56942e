import { formatBytes, type ReportEvent, shortHandler, stateClassNumber, sum } from '../../src/core';
import type { EventDetail } from '../worker/messages';
import { BiggestFields } from './BiggestFields';
import { FieldDiff } from './FieldDiff';
import { StateTree } from './StateTree';

export interface FieldPick {
  stateClass: number;
  path: string;
}

interface Props {
  event: ReportEvent;
  /** undefined while the worker answers; null for an imported JSON report (no state tree). */
  detail: EventDetail | null | undefined;
  pick: FieldPick | undefined;
  onPick: (p: FieldPick) => void;
}

/** The selected event: what went up and down, its biggest fields per state class, the diff, the tree. */
export function EventDetailView({ event: e, detail, pick, onPick }: Props) {
  const problems = e.problems;
  const classes = detail?.classes ?? groupTop(e);
  return (
    <div class="detail" data-event={e.index}>
      <h3>
        #{e.index} {e.kind}{' '}
        <span class="handler" title={e.handlerId ?? ''}>
          {shortHandler(e.handlerId)}
        </span>
      </h3>
      <dl class="facts">
        <dt>up</dt>
        <dd>
          {formatBytes(e.request.bytes)} · state{' '}
          {e.request.stateUpload === 'full' ? formatBytes(sum(e.request.stateBytes)) : e.request.stateUpload}
        </dd>
        <dt>down</dt>
        <dd>
          {formatBytes(e.response.bytes)} · state{' '}
          {e.response.stateDownload === 'none'
            ? 'none'
            : `${formatBytes(sum(e.response.stateBytes))} ${e.response.stateDownload}`}{' '}
          · component tree{' '}
          {e.response.componentTree === 'none'
            ? 'none'
            : `${formatBytes(e.response.componentTreeBytes)} ${e.response.componentTree}`}{' '}
          · {e.response.messages} message(s)
        </dd>
        {e.durationMs !== null && (
          <>
            <dt>time</dt>
            <dd>{Math.round(e.durationMs)} ms</dd>
          </>
        )}
      </dl>
      {e.error && <pre class="server-error">{e.error}</pre>}
      {problems.length > 0 && (
        <ul class="problems">
          {problems.map((p) => (
            <li key={p}>⚠ {p}</li>
          ))}
        </ul>
      )}

      <h3>Biggest fields</h3>
      {classes.length === 0 && (
        <p class="dim">
          The client holds no state for this event
          {e.request.stateUpload === 'empty' ? ' (WebSocket mode: state stays on the server)' : ''}.
        </p>
      )}
      {classes.map((c) => (
        <BiggestFields
          key={c.stateClass}
          stateClass={c.stateClass}
          classBytes={c.bytes}
          fields={c.top}
          highlight={pick?.stateClass === c.stateClass ? pick.path : undefined}
          onPick={(path) => onPick({ stateClass: c.stateClass, path })}
        />
      ))}

      {detail && (
        <>
          <h3>Changed since the previous event</h3>
          <FieldDiff
            rows={detail.diff}
            eventIndex={e.index}
            onPick={(stateClass, path) => onPick({ stateClass, path })}
          />
          <h3>State tree</h3>
          {detail.classes.map((c) => (
            <div key={c.stateClass} class="tree-box">
              {detail.classes.length > 1 && <h4>State class #{c.stateClass}</h4>}
              <StateTree
                paths={c.paths}
                rootBytes={c.bytes}
                highlight={pick?.stateClass === c.stateClass ? pick.path : undefined}
              />
            </div>
          ))}
        </>
      )}
      {detail === undefined && <p class="dim">Measuring…</p>}
      {detail === null && (
        <p class="dim">
          An imported report holds the biggest fields only; import the HAR for the state tree and the diff.
        </p>
      )}
    </div>
  );
}

/** For an imported report: its per-event top fields, grouped by state class. */
function groupTop(e: ReportEvent) {
  return e.mirror.stateBytes.map((bytes, position) => ({
    stateClass: stateClassNumber(position),
    bytes,
    top: e.topFields.filter((f) => f.stateClass === stateClassNumber(position)),
  }));
}
