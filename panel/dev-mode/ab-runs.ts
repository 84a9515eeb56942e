/**
 * Run A / run B of the dev-mode comparison, kept as the panel's own report events.
 *
 * Why report events and not sessions: the panel's analysis runs in a worker and comes back as a
 * PayloadReport, and after a switch the page that produced run A is reloaded away (without
 * "preserve log" its rows leave the report). So run A is frozen as plain report events when the
 * user presses switch, and run B is read live from the report as the flow is repeated.
 *
 * What a run is: the events of one page load. Run A = the page's events when switch is pressed
 * (what the user just did on the old backend); run B = the events of the page loaded after the
 * switch. Reloading again during run B starts run B over, like re-recording; a second switch
 * makes the current run B the new run A, so the panel always compares "before vs after the last
 * switch", which is what the button promised.
 */
import {
  compareRuns,
  type PayloadReport,
  type ReportEvent,
  reportEventsRun,
  type RunComparison,
  type SessionTransport,
} from '../../src/core';

export interface FrozenRun {
  /** Backend name as the supervisor reports it (`none`, `memory`, ...). */
  backend: string;
  transport: SessionTransport;
  events: ReportEvent[];
}

export interface AbRuns {
  a: FrozenRun;
  b: { backend: string; from: number };
}

const startOf = (e: ReportEvent): number => (e.startedAt ? Date.parse(e.startedAt) : NaN);

/**
 * The events of the latest page load among those that started at or after `from` (epoch ms): from
 * the last `init` on, since every Mesop page load begins with one. Not from DevTools' navigation
 * times: onNavigated also fires for same-document URL changes and can arrive after the new page's
 * init started (seen on a busy machine), which would cut the init off one run and not the other.
 */
export function pageEvents(report: PayloadReport | undefined, from = 0): ReportEvent[] {
  // An event without a start time cannot be placed in a run: left out rather than guessed.
  const events = (report?.events ?? []).filter((e) => startOf(e) >= from);
  let init = -1;
  events.forEach((e, i) => {
    if (e.kind === 'init') init = i;
  });
  return init > 0 ? events.slice(init) : events;
}

export function transportOf(report: PayloadReport | undefined): SessionTransport {
  const t = report?.session.transport;
  return t === 'sse' || t === 'websocket' || t === 'mixed' ? t : 'unknown';
}

/** Freezes run A when switch is pressed: this page's events (after the previous switch, if any). */
export function freezeRunA(report: PayloadReport | undefined, backend: string, previous?: AbRuns): FrozenRun {
  return { backend, transport: transportOf(report), events: pageEvents(report, previous?.b.from) };
}

/** The comparison of run A with run B so far (undefined until run B has an event). */
export function compareAb(ab: AbRuns, report: PayloadReport | undefined): RunComparison | undefined {
  const b = pageEvents(report, ab.b.from);
  if (!b.length) return undefined;
  return compareRuns(reportEventsRun(ab.a.events, ab.a.transport), reportEventsRun(b, transportOf(report)), {
    a: ab.a.backend,
    b: ab.b.backend,
  });
}

/**
 * What the user must know about the transports of the two runs, if anything: the switch changes
 * the session backend, and only SSE carries state. In WebSocket mode Mesop keeps it per connection
 * in the server, and the backend changes no byte on the wire.
 */
export function transportNote(cmp: Pick<RunComparison, 'a' | 'b'>): string | undefined {
  const a = cmp.a.transport;
  const b = cmp.b.transport;
  if (a === 'websocket' && b === 'websocket') {
    return 'Both runs used WebSocket mode: no state crossed the wire, so the backend switch cannot change these bytes; a difference comes from the steps themselves.';
  }
  if (a !== b && (a === 'websocket' || b === 'websocket')) {
    return `Run A used ${transportName(a)} and run B ${transportName(b)}: the saving compares transports, not only backends.`;
  }
  return undefined;
}

const transportName = (t: SessionTransport): string => (t === 'websocket' ? 'WebSocket mode' : t === 'sse' ? 'SSE' : t);
