import type { MesopEvent } from '../session/event';

/**
 * A page load: an `init` (a reload, a new tab's load, a reconnect) and the events after it up to
 * the next `init`. Each init resets the state the browser holds (it gets the initial full state, or
 * in WebSocket mode a fresh connection), so anything read as a sequence (growth, the held state,
 * uploads) starts again there. Events before the first init (a recording begun mid-session) form
 * page load 1 too. Numbered from 1, as a user counts them.
 */
export interface PageLoad {
  number: number;
  /** Index of its first and last event. */
  first: number;
  last: number;
}

export function pageLoads(events: readonly MesopEvent[]): PageLoad[] {
  const loads: PageLoad[] = [];
  for (const e of events) {
    const current = loads[loads.length - 1];
    if (!current || e.kind === 'init') loads.push({ number: loads.length + 1, first: e.index, last: e.index });
    else current.last = e.index;
  }
  return loads;
}

/** The page load an event belongs to (`loads` from `pageLoads`, in order). */
export function pageLoadOf(loads: readonly PageLoad[], eventIndex: number): PageLoad | undefined {
  return loads.find((l) => eventIndex >= l.first && eventIndex <= l.last);
}

/** " in page load 2 of 25" when the session has several, "" for one: it would only be noise. */
export function pageLoadLabel(loads: readonly PageLoad[], load: PageLoad | undefined): string {
  return load && loads.length > 1 ? ` in page load ${load.number} of ${loads.length}` : '';
}

/**
 * Where an event is, for a finding's title: "event #0, the page load", "event #40, page load 3 of
 * 25" (an init), "event #7 (click)", "event #7 (click) in page load 2 of 3".
 */
export function eventWhere(loads: readonly PageLoad[], e: MesopEvent): string {
  const load = pageLoadOf(loads, e.index);
  if (e.kind === 'init')
    return loads.length > 1 && load
      ? `event #${e.index}, page load ${load.number} of ${loads.length}`
      : `event #${e.index}, the page load`;
  return `event #${e.index} (${e.kind})${pageLoadLabel(loads, load)}`;
}
