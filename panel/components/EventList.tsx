import { memo } from './memo';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBytes, type ReportEvent, shortHandler, sum } from '../../src/core';
import type { Sort, SortKey } from '../state/event-filter';
import { moveSelection } from './list-keys';

interface Props {
  events: ReportEvent[];
  /** Event indices in display order (filtered, sorted). */
  order: number[];
  selected: number | undefined;
  onSelect: (index: number) => void;
  sort: Sort;
  onSort: (s: Sort) => void;
  pending: number;
}

const ROW_HEIGHT = 22;
const OVERSCAN = 10;

const COLUMNS: { key: SortKey; label: string; num?: boolean; title: string }[] = [
  { key: 'index', label: '#', num: true, title: 'event number (session order)' },
  { key: 'index', label: 'time', num: true, title: 'seconds since the first event' },
  { key: 'kind', label: 'kind', title: 'what the user did (init = page load)' },
  { key: 'handler', label: 'handler', title: 'Python event handler' },
  { key: 'up', label: 'up', num: true, title: 'request bytes on the wire' },
  { key: 'upState', label: 'up state', num: true, title: 'state JSON uploaded (UTF-8 bytes), or token' },
  { key: 'down', label: 'down', num: true, title: 'response bytes on the wire' },
  { key: 'downState', label: 'down state', num: true, title: 'state JSON sent down, full or diff' },
  { key: 'held', label: 'held state', num: true, title: 'state JSON the client holds after the event' },
  { key: 'duration', label: 'ms', num: true, title: 'request to last response message' },
];

/**
 * The event list: sortable columns, only visible rows rendered (windowed, so thousands of events
 * scroll smoothly), arrow keys / Home / End / PageUp / PageDown move the selection. A row with
 * capture or decode problems is marked and says why.
 */
export const EventList = memo(EventListView);

function EventListView({ events, order, selected, onSelect, sort, onSort, pending }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const t0 = events[0] ? Date.parse(events[0].startedAt ?? '') : NaN;

  useEffect(() => {
    const el = box.current!;
    const measure = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view.
  useEffect(() => {
    const el = box.current;
    const pos = selected === undefined ? -1 : order.indexOf(selected);
    if (!el || pos < 0) return;
    const top = pos * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + 2 * ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + 2 * ROW_HEIGHT - el.clientHeight;
  }, [selected]);

  const first = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(order.length, Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + OVERSCAN);
  const byIndex = events;

  const onKey = (e: KeyboardEvent) => {
    const next = moveSelection(order, selected, e.key, Math.floor(scroll.height / ROW_HEIGHT));
    if (next === undefined) return;
    e.preventDefault();
    onSelect(next);
  };

  return (
    <div
      class="event-list"
      ref={box}
      tabIndex={0}
      onKeyDown={onKey}
      role="grid"
      aria-label="Mesop events"
      aria-rowcount={order.length}
      onScroll={(e) =>
        setScroll({ top: (e.target as HTMLElement).scrollTop, height: (e.target as HTMLElement).clientHeight })
      }
    >
      <table>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                class={c.num ? 'num' : ''}
                title={c.title}
                aria-sort={sort.key === c.key && c.label !== 'time' ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  class="sort"
                  onClick={() =>
                    onSort({ key: c.key, desc: sort.key === c.key ? !sort.desc : c.num === true && c.key !== 'index' })
                  }
                >
                  {c.label}
                  {sort.key === c.key && c.label !== 'time' ? (sort.desc ? ' ▾' : ' ▴') : ''}
                </button>
              </th>
            ))}
            <th>notes</th>
          </tr>
        </thead>
        <tbody id="event-rows">
          {first > 0 && <tr class="spacer" style={{ height: `${first * ROW_HEIGHT}px` }} />}
          {order.slice(first, last).map((i) => {
            const e = byIndex[i]!;
            // The capture's notes (merge, 20 MB limit) came inside the exchange: they are the event's problems.
            const { problems } = e;
            const notes = [
              e.error ? `server error: ${e.error.split('\n')[0]}` : '',
              e.tokenRetry ? 'retry after token miss' : '',
              ...problems,
            ].filter(Boolean);
            const start = Date.parse(e.startedAt ?? '');
            return (
              <tr
                key={i}
                data-index={i}
                data-exchange-id={e.exchangeId}
                data-up={e.request.bytes}
                data-down={e.response.bytes}
                data-up-state={sum(e.request.stateBytes)}
                data-held={sum(e.mirror.stateBytes)}
                class={`${i === selected ? 'selected' : ''} ${problems.length || e.error ? 'problem' : ''}`}
                aria-selected={i === selected}
                onClick={() => onSelect(i)}
                style={{ height: `${ROW_HEIGHT}px` }}
              >
                <td class="num">{i}</td>
                <td class="num dim">{Number.isFinite(start - t0) ? ((start - t0) / 1000).toFixed(2) : ''}</td>
                <td>{e.kind}</td>
                <td title={e.handlerId ?? ''}>{shortHandler(e.handlerId)}</td>
                <td class="num">{formatBytes(e.request.bytes)}</td>
                <td class="num">
                  {e.request.stateUpload === 'full'
                    ? formatBytes(sum(e.request.stateBytes))
                    : e.request.stateUpload === 'token'
                      ? 'token'
                      : ''}
                </td>
                <td class="num">{formatBytes(e.response.bytes)}</td>
                <td class="num">
                  {e.response.stateDownload === 'none'
                    ? ''
                    : `${formatBytes(sum(e.response.stateBytes))} ${e.response.stateDownload}`}
                </td>
                <td class="num">{e.mirror.stateBytes.length ? formatBytes(sum(e.mirror.stateBytes)) : ''}</td>
                <td class="num">{e.durationMs === null ? '' : Math.round(e.durationMs)}</td>
                <td class="notes" title={notes.join('\n')}>
                  {notes.length ? `⚠ ${notes.join('; ')}` : ''}
                </td>
              </tr>
            );
          })}
          {last < order.length && <tr class="spacer" style={{ height: `${(order.length - last) * ROW_HEIGHT}px` }} />}
          {pending > 0 && (
            <tr class="pending">
              <td colSpan={COLUMNS.length + 1}>{pending} request(s) in flight…</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
