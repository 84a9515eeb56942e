/**
 * The Mesop group's Server track (docs/performance-track.md): the wait for the first byte and one
 * entry per response message, built by the panel's worker engine from recorded Mesop 1.3.7
 * responses (test/fixtures) and counted against the Python oracle's messages: a streaming handler
 * over SSE (stream: 41 messages, dated by the page hook's chunk marks), and WebSocket frames
 * (chat-websocket, dated by each frame's own time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAdviceConfig } from '../../src/core/advise/advice-config';
import type { Exchange } from '../../src/core/capture/exchange';
import { endedExchange, sentExchange } from '../../src/core/capture/hook-exchange';
import { splitSse } from '../../src/core/capture/sse';
import { formatBytes } from '../../src/core/measure/format-bytes';
import { SERVER_TRACK, trackEntries, WAITING_LABEL } from '../../panel/state/perf-track';
import { TrackRecording } from '../../panel/state/perf-track-writer';
import { AnalysisEngine } from '../../panel/worker/analysis-engine';
import { fixture } from '../hardening/support/harness';

const thresholds = defaultAdviceConfig().thresholds;
/** Numbered as the panel's capture log numbers them: the id is the sequence number. */
const live = (exchanges: Exchange[]) => exchanges.map((ex, i) => ({ ...ex, id: String(i + 1) }));

/** stream.har's exchanges as the page hook would have delivered them, each message marked 7 ms apart. */
function hooked(exchanges: Exchange[]): { exchanges: Exchange[]; marks: number[][] } {
  const marks: number[][] = [];
  const out = exchanges.map((ex) => {
    const text = ex.responseText!;
    const ends = splitSse(text).payloads.map((p) => p.end);
    const at = ends.map((_, i) => ex.startedAt + 20 + 7 * i);
    marks.push(at);
    const sent = sentExchange({ id: ex.id, url: ex.url, startedAt: ex.startedAt, requestBody: ex.requestBody }, 1e9);
    const chunks = ends.map((length, i) => ({ at: at[i]!, length }));
    return endedExchange(sent, { endedAt: at.at(-1)!, outcome: 'load', status: 200, responseText: text, chunks }, 1e9);
  });
  return { exchanges: out, marks };
}

describe('the Server track of a streamed SSE response (page hook)', () => {
  const { exchanges: recorded, oracle } = fixture('stream');
  const { exchanges, marks } = hooked(live(recorded));
  const engine = new AnalysisEngine('test');
  engine.append(exchanges);
  const view = engine.view();
  const server = view.report.events.map((e) =>
    trackEntries(e, thresholds, view.timings.get(e.exchangeId)).filter((t) => t.track === SERVER_TRACK),
  );

  it('has the wait for the first byte, then one entry per oracle message at its mark (<stream_end> is none)', () => {
    expect(view.report.events).toHaveLength(oracle.length);
    view.report.events.forEach((e, i) => {
      const entries = server[i]!;
      const start = Date.parse(e.startedAt!);
      expect(entries[0]).toMatchObject({ label: WAITING_LABEL, start, end: marks[i]![0] });
      expect(entries.slice(1).map((t) => t.end)).toEqual(marks[i]!.slice(0, oracle[i]!.response.messages.length));
      // Each message's entry starts where the previous one arrived (the first at the first byte).
      expect(entries.slice(1).map((t) => t.start)).toEqual([marks[i]![0], ...marks[i]!.slice(0, -2)]);
    });
  });

  it('labels the renders `render i/n · bytes` with their wire bytes, and the state update after them', () => {
    expect(oracle.some((o) => o.response.messages.length > 10)).toBe(true); // the streaming handler
    oracle.forEach((o, i) => {
      const types = o.response.messages.map((m) => (m as unknown as { type: string }).type);
      const renders = types.filter((t) => t === 'render').length;
      expect(types.slice(0, renders).every((t) => t === 'render')).toBe(true);
      const payloads = splitSse(recorded[i]!.responseText!).payloads;
      const labels = server[i]!.slice(1).map((t) => t.label);
      expect(labels).toEqual([
        ...payloads.slice(0, renders).map((p, r) => `render ${r + 1}/${renders} · ${formatBytes(p.bytes)}`),
        ...types.slice(renders).map((t) => {
          expect(t).toBe('update_state_event');
          return expect.stringMatching(/^state (full|diff), \d/);
        }),
      ]);
    });
  });

  it('writes the Server entries with their event, once, and forgets the times of dropped events', () => {
    const recording = new TrackRecording(0);
    const first = recording.take(view.report.events, thresholds, view.timings);
    expect(first.filter((t) => t.track === SERVER_TRACK)).toHaveLength(server.flat().length);
    expect(recording.take(view.report.events, thresholds, view.timings)).toEqual([]);
    const again = new AnalysisEngine('test');
    again.append(exchanges);
    again.dropThrough(1);
    expect([...again.view().timings.keys()]).toEqual(exchanges.slice(1).map((ex) => ex.id));
  });
});

describe('the Server track of WebSocket responses (frame times)', () => {
  const { exchanges, oracle } = fixture('chat-websocket');
  const har = JSON.parse(readFileSync(join(__dirname, '../fixtures/chat-websocket.har'), 'utf8'));
  const frames: { type: string; time: number; data: string }[] = har.log.entries.find(
    (e: { _webSocketMessages?: unknown }) => e._webSocketMessages,
  )._webSocketMessages;
  const received = frames.filter((f) => f.type === 'receive' && !f.data.startsWith('data: <stream_end>'));
  const engine = new AnalysisEngine('test');
  engine.append(live(exchanges));
  const view = engine.view();

  it("has one wait per event and one entry per oracle message, at the received frames' times and sizes", () => {
    const entries = view.report.events.flatMap((e) =>
      trackEntries(e, thresholds, view.timings.get(e.exchangeId)).filter((t) => t.track === SERVER_TRACK),
    );
    const waits = entries.filter((t) => t.label === WAITING_LABEL);
    const messages = entries.filter((t) => t.label !== WAITING_LABEL);
    expect(waits).toHaveLength(oracle.length);
    expect(messages).toHaveLength(oracle.reduce((n, o) => n + o.response.messages.length, 0));
    expect(messages).toHaveLength(received.length);
    messages.forEach((m, i) => {
      expect(m.end).toBe(received[i]!.time * 1000);
      // Mesop's WebSocket mode sends renders only (no state events): each its frame's length.
      expect(m.label).toMatch(new RegExp(` · ${formatBytes(received[i]!.data.length).replace('.', '\\.')}$`));
    });
    waits.forEach((w, i) => expect(w.end).toBe(exchanges[i]!.firstByteAt));
  });

  it('leaves out times outside the event (another clock) and writes no Server entry without times', () => {
    const e = view.report.events[1]!;
    const timing = view.timings.get(e.exchangeId)!;
    const skewed = { ...timing, firstByteAt: 1, messages: timing.messages.map((m) => ({ ...m, at: m.at + 60_000 })) };
    expect(trackEntries(e, thresholds, skewed).filter((t) => t.track === SERVER_TRACK)).toEqual([]);
    expect(trackEntries(e, thresholds).filter((t) => t.track === SERVER_TRACK)).toEqual([]);
  });
});
