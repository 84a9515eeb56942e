/**
 * The Performance panel's Mesop track (docs/performance-track.md), without a browser: the entries
 * built for a recorded session (chat-token-miss: a token miss and its full-state retry, recorded
 * from mesop 1.3.7), compared with the independent Python oracle's kinds, handlers and bytes; the
 * choice of events a recording writes; the script the panel evaluates, run against a fake page;
 * and the transport's feature detection, on a fake chrome.devtools.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExchanges } from '../../src/core/analyze';
import { harToExchanges } from '../../src/core/capture/har';
import { formatBytes } from '../../src/core/measure/format-bytes';
import { shortHandler } from '../../src/core/report/handler-id';
import { buildReport } from '../../src/core/report/build-report';
import { defaultAdviceConfig } from '../../src/core/advise/advice-config';
import type { ReportEvent } from '../../src/core/report/report-types';
import { eventColor, eventLabel, trackEntries } from '../../panel/state/perf-track';
import { TrackRecording, trackScript } from '../../panel/state/perf-track-writer';
import { ExtensionPerformanceTrack } from '../../panel/transport/extension/performance-track';

const FIXTURE = 'chat-token-miss';
const har = JSON.parse(readFileSync(join(__dirname, '../fixtures', `${FIXTURE}.har`), 'utf8'));
const report = buildReport(analyzeExchanges(harToExchanges(har).exchanges), {
  toolVersion: 't',
  source: { kind: 'har', name: FIXTURE },
});
const oracle = JSON.parse(readFileSync(join(__dirname, '../fixtures', `${FIXTURE}.expected.json`), 'utf8')) as {
  events: {
    kind: string;
    handlerId: string | null;
    request: { wireBytes: number; stateUpload: string; stateBytes: number[] };
    response: { wireBytes: number };
  }[];
};
const thresholds = defaultAdviceConfig().thresholds;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('the entries of a recorded session', () => {
  it("label each event with the oracle's kind, short handler and wire bytes", () => {
    expect(report.events).toHaveLength(oracle.events.length);
    expect(report.events.map(eventLabel)).toEqual(
      oracle.events.map(
        (o) =>
          `${o.kind}${o.handlerId ? ` ${shortHandler(o.handlerId)}` : ''} ↑${formatBytes(o.request.wireBytes)} ↓${formatBytes(o.response.wireBytes)}`,
      ),
    );
    expect(eventLabel(report.events[0]!)).toMatch(/^init ↑\d+ B ↓[\d.]+ kB$/);
  });

  it('mark the token-miss retry (the full upload after token uploads), and nothing else at the default thresholds', () => {
    const markers = report.events.flatMap((e) => trackEntries(e, thresholds).filter((t) => t.track === 'Markers'));
    const retry = oracle.events.findIndex(
      (o, i) => i > 0 && o.request.stateUpload === 'full' && oracle.events[i - 1]!.request.stateUpload === 'token',
    );
    expect(retry).toBeGreaterThan(0);
    expect(markers.map((m) => [m.label, m.tooltip])).toEqual([
      ['token miss: retried with the full state', `token miss: retried with the full state (event #${retry})`],
    ]);
    const e = report.events[retry]!;
    const [bar] = trackEntries(e, thresholds);
    expect(markers[0]!.start).toBe(bar!.start);
    expect(new Map(bar!.properties).get('token-miss retry')).toBe('yes');
    expect(new Map(bar!.properties).get('up state')).toBe(
      `full, ${formatBytes(sum(oracle.events[retry]!.request.stateBytes))}`,
    );
  });

  it("colour and mark by the panel's thresholds: a full upload at warn is a warning, at error an error", () => {
    const retry = report.events.find((e) => e.tokenRetry)!;
    const up = sum(retry.request.stateBytes);
    const at = (warn: number, error: number) => ({ ...thresholds, stateUploadWarn: warn, stateUploadError: error });
    expect(eventColor(retry, at(up + 1, up + 2))).toBe('primary');
    expect(eventColor(retry, at(up, up + 1))).toBe('warning');
    expect(eventColor(retry, at(up - 1, up))).toBe('error');
    const markers = (t: typeof thresholds) =>
      trackEntries(retry, t)
        .filter((m) => m.track === 'Markers')
        .map((m) => [m.label, m.color]);
    expect(markers(at(up, up + 1))[0]).toEqual([`full state ↑${formatBytes(up)} over ${formatBytes(up)}`, 'warning']);
    expect(markers(at(10, up))[0]).toEqual([`full state ↑${formatBytes(up)} over ${formatBytes(up)}`, 'error']);
    // A token upload never counts as a full-state upload, however low the threshold.
    const token = report.events.find((e) => e.request.stateUpload === 'token')!;
    expect(eventColor(token, at(0.5, 1e12))).toBe(
      token.response.bytes >= thresholds.responseWarn ? 'warning' : 'primary',
    );
    expect(trackEntries(token, at(0.5, 1e12)).filter((m) => m.label.startsWith('full state'))).toEqual([]);
    // A server error is an error.
    expect(eventColor({ ...token, error: 'Traceback ...' }, thresholds)).toBe('error');
  });

  it('put each bar at its real start and end (epoch ms)', () => {
    for (const e of report.events) {
      const [bar] = trackEntries(e, thresholds);
      expect(bar!.start).toBe(Date.parse(e.startedAt!));
      expect(bar!.end).toBe(bar!.start + e.durationMs!);
    }
  });
});

describe('a recording', () => {
  const end = (e: ReportEvent) => Date.parse(e.startedAt!) + e.durationMs!;

  it('writes the events that ended after it started, each once, as the views come', () => {
    const events = report.events;
    const rec = new TrackRecording(end(events[2]!) + 0.5); // events 0..2 ended before
    const first = rec.take(events.slice(0, 4), thresholds);
    expect(first.filter((t) => t.track === 'Events').map((t) => t.label)).toEqual([eventLabel(events[3]!)]);
    const next = rec.take(events, thresholds); // the next view repeats the earlier events
    expect(next.filter((t) => t.track === 'Events').map((t) => t.label)).toEqual(events.slice(4).map(eventLabel));
    expect(rec.take(events, thresholds)).toEqual([]);
  });
});

describe('the script evaluated in the page', () => {
  /** Runs the script against a fake page: its timeOrigin, console.timeStamp and performance.measure. */
  function runInFakePage(script: string, timeOrigin: number) {
    const stamps: unknown[][] = [];
    const measures: [string, { start: number; end: number; detail: unknown }][] = [];
    const performance = {
      timeOrigin,
      measure: (name: string, o: { start: number; end: number; detail: unknown }) => void measures.push([name, o]),
    };
    const console = { timeStamp: (...args: unknown[]) => void stamps.push(args) };
    const written = new Function('performance', 'console', `return ${script}`)(performance, console) as number;
    return { written, stamps, measures };
  }
  const retry = report.events.find((e) => e.tokenRetry)!;
  const entries = trackEntries(retry, thresholds);
  const origin = Date.parse(retry.startedAt!) - 1234.5;

  it("writes console.timeStamp entries on the page's performance.now() time base", () => {
    const { written, stamps, measures } = runInFakePage(trackScript(entries, false), origin);
    expect(written).toBe(2);
    expect(measures).toEqual([]);
    expect(stamps).toEqual([
      [eventLabel(retry), 1234.5, 1234.5 + retry.durationMs!, 'Events', 'Mesop', eventColor(retry, thresholds)],
      ['token miss: retried with the full state', 1234.5, 1234.5, 'Markers', 'Mesop', 'warning'],
    ]);
  });

  it('with the richer entries, the event is a performance.measure with its tooltip and details', () => {
    const { written, stamps, measures } = runInFakePage(trackScript(entries, true), origin);
    expect(written).toBe(2);
    expect(stamps.map((s) => s[3])).toEqual(['Markers']);
    expect(measures).toEqual([
      [
        eventLabel(retry),
        {
          start: 1234.5,
          end: 1234.5 + retry.durationMs!,
          detail: {
            devtools: {
              dataType: 'track-entry',
              track: 'Events',
              trackGroup: 'Mesop',
              color: eventColor(retry, thresholds),
              tooltipText: `Mesop event #${retry.index}: ${eventLabel(retry)}`,
              properties: entries[0]!.properties,
            },
          },
        },
      ],
    ]);
  });
});

describe('the transport (feature-detected)', () => {
  afterEach(() => delete (globalThis as { chrome?: unknown }).chrome);

  it('without chrome.devtools.performance: says why, and never evaluates anything', () => {
    const evals: string[] = [];
    (globalThis as { chrome?: unknown }).chrome = {
      runtime: { id: 'test' },
      devtools: { inspectedWindow: { eval: (s: string) => evals.push(s) } },
    };
    const track = new ExtensionPerformanceTrack();
    expect(track.absentBecause).toMatch(/no chrome\.devtools\.performance/);
    track.write(trackEntries(report.events[1]!, thresholds), false);
    expect(evals).toEqual([]);
  });

  it('with it: follows the recording, and evaluates one script per write of entries (none for no entries)', () => {
    const listeners: Record<string, () => void> = {};
    const evals: string[] = [];
    const on = (name: string) => ({ addListener: (fn: () => void) => void (listeners[name] = fn) });
    (globalThis as { chrome?: unknown }).chrome = {
      runtime: { id: 'test' },
      devtools: {
        performance: { onProfilingStarted: on('started'), onProfilingStopped: on('stopped') },
        inspectedWindow: {
          eval: (s: string, cb?: (r: unknown) => void) => {
            evals.push(s);
            cb?.(1);
          },
        },
      },
    };
    const track = new ExtensionPerformanceTrack();
    expect(track.absentBecause).toBeUndefined();
    const seen: boolean[] = [];
    track.onRecording((r) => seen.push(r));
    listeners.started!();
    listeners.stopped!();
    expect(seen).toEqual([true, false]);
    track.write([], false);
    expect(evals).toEqual([]);
    const entries = trackEntries(report.events[1]!, thresholds);
    track.write(entries, false);
    expect(evals).toEqual([trackScript(entries, false)]);
  });
});
