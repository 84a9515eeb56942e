/**
 * The invariants every hardening test checks on a session that mixes bad exchanges with good ones:
 * no exception escapes the analyser or the report; every exchange is an event (nothing lost); a
 * bad exchange carries a non-empty reason; the recorded fixture events after the bad ones have the
 * oracle's numbers (the session goes on).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExchanges, type Analysis } from '../../../src/core/analyze';
import type { Exchange } from '../../../src/core/capture/exchange';
import { harToExchanges } from '../../../src/core/capture/har';
import { buildReport } from '../../../src/core/report/build-report';
import { checkReportFromPayload } from '../../../src/core/report/check-report';
import { renderEventTable } from '../../../src/core/report/event-table';
import { renderHtml } from '../../../src/core/report/html-report';
import { renderMarkdown } from '../../../src/core/report/markdown-report';
import type { MesopEvent } from '../../../src/core/session/event';

const FIXTURES = join(__dirname, '../../fixtures');

export interface OracleEvent {
  kind: string;
  request: {
    wireBytes: number;
    protoBytes: number;
    stateUpload: string;
    stateBytes: number[];
    account: Record<string, number>;
  };
  response: {
    wireBytes: number;
    sawStreamEnd: boolean;
    stateDownload: string;
    downStateBytes: number[];
    messages: { account: Record<string, number> }[];
  };
  mirror: { source: string; stateBytes: number[] };
}

export interface Fixture {
  exchanges: Exchange[];
  oracle: OracleEvent[];
}

const cache = new Map<string, Fixture>();
export function fixture(name: string): Fixture {
  let f = cache.get(name);
  if (!f) {
    const exchanges = harToExchanges(readFileSync(join(FIXTURES, `${name}.har`), 'utf8')).exchanges;
    const oracle = (
      JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as { events: OracleEvent[] }
    ).events;
    f = { exchanges, oracle };
    cache.set(name, f);
  }
  return f;
}

/** The numbers fixtures-vs-oracle compares, for one event. */
export function numbersOf(e: MesopEvent): unknown {
  return {
    kind: e.kind,
    up: e.request.bytes,
    upProto: e.request.account,
    upload: e.request.stateUpload,
    upStates: e.request.stateBytes,
    down: e.response.bytes,
    end: e.response.streamEnded,
    download: e.response.stateDownload,
    downStates: e.response.stateBytes,
    downProto: e.response.account,
    mirror: e.mirror.stateBytes,
  };
}

export function oracleNumbers(o: OracleEvent): unknown {
  const account = { total: 0, states: 0, componentTree: 0, commands: 0, error: 0, other: 0 } as Record<string, number>;
  for (const m of o.response.messages) for (const k of Object.keys(account)) account[k]! += m.account[k]!;
  return {
    kind: o.kind,
    up: o.request.wireBytes,
    upProto: o.request.account,
    upload: o.request.stateUpload,
    upStates: o.request.stateBytes,
    down: o.response.wireBytes,
    end: o.response.sawStreamEnd,
    download: o.response.stateDownload,
    downStates: o.response.downStateBytes,
    downProto: account,
    mirror: o.mirror.source === 'none' ? [] : o.mirror.stateBytes,
  };
}

/** How many recorded events follow the bad ones (the chat fixture's init, blur and click). */
export const TAIL = 3;

export interface Outcome {
  analysis: Analysis;
  bad: MesopEvent[];
}

/**
 * Runs [chat init, ...bad, chat events 0..TAIL-1] through analyzeExchanges, buildReport and every
 * renderer, checks the invariants, and returns the bad exchanges' events.
 */
export function runWithBad(bad: readonly Exchange[]): Outcome {
  const chat = fixture('chat');
  const tail = chat.exchanges.slice(0, TAIL);
  const exchanges = [chat.exchanges[0]!, ...bad, ...tail];
  const analysis = analyzeExchanges(exchanges, { keepFieldBytes: true });
  const report = buildReport(analysis, {
    toolVersion: 'fuzz',
    source: { kind: 'har', name: 'fuzz' },
    generatedAt: '2026-01-01T00:00:00.000Z',
  });
  // Every face renders it without throwing.
  JSON.stringify(report);
  renderEventTable(report);
  const check = checkReportFromPayload(report);
  renderMarkdown(check);
  renderHtml(check);

  const events = analysis.session.events;
  expect(events).toHaveLength(exchanges.length); // nothing lost
  for (const e of events) for (const p of e.problems) expect(typeof p === 'string' && p.length > 0).toBe(true);
  // The session goes on: the recorded events after the bad ones decode to the oracle's numbers.
  const after = events.slice(events.length - TAIL);
  expect(after.map(numbersOf)).toEqual(chat.oracle.slice(0, TAIL).map(oracleNumbers));
  expect(numbersOf(events[0]!)).toEqual(oracleNumbers(chat.oracle[0]!));
  return { analysis, bad: events.slice(1, 1 + bad.length) };
}
