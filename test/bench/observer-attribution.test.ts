/**
 * The observer bench's pure parts (bench/observer/): the hook's share of a CPU profile and the
 * delay of a WebSocket frame in a trace, on small profiles and traces built by hand (exact
 * answers) and on recordings from Chromium 156 with the real extension
 * (test/bench/fixtures/observer-*.json; how they were taken is in their "note").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionUrl, hookShare, type CpuProfile } from '../../bench/observer/profile-attribution';
import { pairedRatio, verdicts, buildFigures, type SizeSamples } from '../../bench/observer/summary';
import { frameDelays, type TraceEvent } from '../../bench/observer/trace-delay';

const EXT = 'chrome-extension://abc/';
const isHook = extensionUrl('abc');
const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as T;

/** A profile from a list of stacks (root first), one sample per entry of `samples` with its duration (µs). */
function profileOf(stacks: { functionName: string; url: string }[][], samples: [number, number][]): CpuProfile {
  const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: { functionName: '(root)', url: '' }, children: [] }];
  const leafOf: number[] = [];
  for (const stack of stacks) {
    let parent = nodes[0]!;
    for (const frame of stack) {
      let child = (parent.children ?? [])
        .map((id) => nodes.find((n) => n.id === id)!)
        .find((n) => n.callFrame.functionName === frame.functionName && n.callFrame.url === frame.url);
      if (!child) {
        child = { id: nodes.length + 1, callFrame: frame, children: [] };
        nodes.push(child);
        parent.children!.push(child.id);
      }
      parent = child;
    }
    leafOf.push(parent.id);
  }
  // timeDeltas[i] is the gap before sample i; a sample lasts until the next one.
  const timeDeltas = [0, ...samples.slice(0, -1).map(([, us]) => us)];
  const startTime = 1000;
  const endTime = startTime + samples.reduce((a, [, us]) => a + us, 0);
  return { nodes, startTime, endTime, samples: samples.map(([stack]) => leafOf[stack]!), timeDeltas };
}

describe('hookShare', () => {
  const app = { functionName: 'click', url: 'http://127.0.0.1/prod_bundle.js' };
  const hookSend = { functionName: 'send', url: `${EXT}main-world-hook.js` };
  const nativeSend = { functionName: 'send', url: '' };
  const stringify = { functionName: 'stringify', url: '' };
  const relay = { functionName: '', url: `${EXT}content-relay.js` };
  const listener = { functionName: 'onProgress', url: `${EXT}main-world-hook.js` };
  const idle = { functionName: '(idle)', url: '' };
  const gc = { functionName: '(garbage collector)', url: '' };

  it('charges the hook its own frames and what they call, not the native it forwards to, idle or GC', () => {
    const profile = profileOf(
      [
        [app], // 0: the app alone
        [app, hookSend], // 1: the wrapper's own code
        [app, hookSend, nativeSend], // 2: the original send the app would have paid anyway
        [app, hookSend, stringify], // 3: a native the hook calls for itself
        [app, hookSend, { functionName: 'dispatchEvent', url: '' }, relay], // 4: the relay, called synchronously
        [listener], // 5: a listener of the hook, its own task
        [idle], // 6
        [gc], // 7
      ],
      [
        [0, 500],
        [1, 100],
        [2, 4000],
        [3, 200],
        [4, 300],
        [5, 700],
        [6, 9000],
        [7, 400],
      ],
    );
    const share = hookShare(profile, isHook);
    expect(share.hookMs).toBeCloseTo(1.3, 10); // 100 + 200 + 300 + 700 µs
    expect(share.forwardedMs).toBeCloseTo(4, 10);
    expect(share.busyMs).toBeCloseTo(6.2, 10); // all but (idle)
    expect(share.byEntry).toEqual([
      { entry: 'onProgress@main-world-hook.js', ms: 0.7 },
      { entry: 'send@main-world-hook.js', ms: expect.closeTo(0.6, 10) },
    ]);
  });

  it('finds nothing in a profile without the extension', () => {
    const profile = profileOf(
      [[app], [app, nativeSend]],
      [
        [0, 100],
        [1, 200],
      ],
    );
    expect(hookShare(profile, isHook)).toEqual({ hookMs: 0, forwardedMs: 0, busyMs: 0.3, byEntry: [] });
  });

  it('on a recorded 5 MB event: the hook is its overrides and listeners, the native send and open are forwarded', () => {
    const { profile } = fixture<{ profile: CpuProfile }>('observer-sse-profile.json');
    const id = /chrome-extension:\/\/([a-p]{32})\//.exec(JSON.stringify(profile))![1]!;
    const share = hookShare(profile, extensionUrl(id));
    // The truth, read off the recording the other way round: every sample's leaf node, walked up.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const node = new Map(profile.nodes.map((n) => [n.id, n]));
    let hook = 0;
    let forwarded = 0;
    const deltas = profile.timeDeltas!;
    const lastAt = profile.startTime + deltas.reduce((a, b) => a + b, 0);
    profile.samples!.forEach((leaf, i) => {
      // A sample lasts until the next one; the last one until the profile's end.
      const us = i + 1 < deltas.length ? deltas[i + 1]! : profile.endTime - lastAt;
      const up: string[] = [];
      for (let x: number | undefined = leaf; x !== undefined; x = parent.get(x)) {
        const f = node.get(x)!.callFrame;
        up.push(`${f.functionName}|${f.url.startsWith('chrome-extension://') ? 'ext' : f.url ? 'page' : 'native'}`);
      }
      if (!up.some((f) => f.endsWith('|ext'))) return;
      // The native send (or open) right under the hook's override of it, and what it calls, is the app's.
      const forwards = ['send', 'open'].some((name) => {
        const i0 = up.indexOf(`${name}|native`);
        return i0 >= 0 && up[i0 + 1] === `${name}|ext`;
      });
      if (forwards) forwarded += us;
      else hook += us;
    });
    expect(share.forwardedMs).toBeCloseTo(forwarded / 1000, 6);
    expect(share.hookMs).toBeCloseTo(hook / 1000, 6);
    expect(share.forwardedMs).toBeGreaterThan(0);
    expect(share.byEntry.map((e) => e.entry)).toContain('send@main-world-hook.js');
    expect(share.hookMs).toBeGreaterThan(0);
  });
});

describe('frameDelays', () => {
  const call = (ts: number, dur: number, url: string): TraceEvent => ({
    name: 'FunctionCall',
    ph: 'X',
    ts,
    dur,
    pid: 1,
    tid: 1,
    args: { data: { url, frame: 'F' } },
  });
  const receive = (ts: number): TraceEvent => ({
    name: 'WebSocketReceive',
    ph: 'I',
    ts,
    pid: 1,
    tid: 1,
    args: { data: { frame: 'F' } },
  });

  it("sums the hook's listeners before the app's first one, per frame", () => {
    const events = [
      receive(100),
      call(110, 2000, `${EXT}main-world-hook.js`),
      call(2200, 50_000, 'http://127.0.0.1/zone.js'),
      receive(60_000),
      call(60_010, 100, 'http://127.0.0.1/zone.js'), // the app first: nothing delays it
      call(60_200, 900, `${EXT}main-world-hook.js`), // a hook listener after the app's
      receive(70_000),
      call(70_010, 400, `${EXT}main-world-hook.js`), // only the hook listened: not a frame the app handled
      // Another page's thread (the panel): never counted.
      { ...call(60_300, 5000, `${EXT}panel.js`), pid: 2, tid: 2 },
    ];
    expect(frameDelays(events, 'F', isHook)).toEqual([
      { ts: 100, delayMs: 2, appMs: 50 },
      { ts: 60_000, delayMs: 0, appMs: 0.1 },
    ]);
  });

  it('joins begin/end pairs and ignores calls nested in a listener', () => {
    const be = (ph: 'B' | 'E', ts: number, url: string): TraceEvent => ({
      name: 'FunctionCall',
      ph,
      ts,
      pid: 1,
      tid: 1,
      args: { data: { url, frame: 'F' } },
    });
    const events = [
      receive(0),
      be('B', 10, `${EXT}main-world-hook.js`),
      call(20, 30, `${EXT}content-relay.js`), // nested: part of the hook's call
      be('E', 1010, `${EXT}main-world-hook.js`),
      be('B', 1100, 'http://127.0.0.1/prod_bundle.js'),
      be('E', 3100, 'http://127.0.0.1/prod_bundle.js'),
    ];
    expect(frameDelays(events, 'F', isHook)).toEqual([{ ts: 0, delayMs: 1, appMs: 2 }]);
  });

  it("on a recorded 1 MB frame: the delay is the hook's one listener call before Mesop's onmessage", () => {
    const { traceEvents } = fixture<{ traceEvents: TraceEvent[] }>('observer-ws-trace.json');
    const first = traceEvents.find((e) => e.name === 'WebSocketReceive')!;
    const frame = first.args!.data!.frame!;
    const id = /chrome-extension:\/\/([a-p]{32})\//.exec(JSON.stringify(traceEvents))![1]!;
    const delays = frameDelays(traceEvents, frame, extensionUrl(id));
    // The truth from the recording: after each frame's mark, the first call is the hook's (its
    // listener is added in the socket's constructor), the next one Mesop's webSocket.onmessage.
    const calls = traceEvents
      .filter((e) => e.name === 'FunctionCall' && e.args?.data?.frame === frame)
      .sort((a, b) => a.ts - b.ts);
    const marks = traceEvents.filter((e) => e.name === 'WebSocketReceive').sort((a, b) => a.ts - b.ts);
    expect(delays).toHaveLength(marks.length);
    marks.forEach((m, i) => {
      const after = calls.filter((c) => c.ts > m.ts);
      expect(after[0]!.args!.data!.url).toMatch(/^chrome-extension:/);
      expect(after[1]!.args!.data).toMatchObject({ functionName: 'webSocket.onmessage' });
      expect(delays[i]).toEqual({ ts: m.ts, delayMs: after[0]!.dur! / 1000, appMs: after[1]!.dur! / 1000 });
    });
  });
});

describe('summary', () => {
  it('pairs done times by round and judges each target', () => {
    expect(pairedRatio([110, 300, 90], [100, 200, 100])).toBeCloseTo(1.1, 10); // ratios 1.1, 1.5, 0.9
    const s: SizeSamples = {
      kb: 1000,
      doneMs: { none: [100, 100], closed: [101, 103], panel: [110, 104], devtools: [100, 100] },
      hookMs: { closed: [0.4, 0.5, 0.6], panel: [9] },
      hookWallMs: { closed: [1], panel: [12] },
      heapBytes: { none: 10e6, closed: 10e6 + 6 * 1024 * 1024 },
      bodyChars: 2 * 1024 * 1024,
      wsDelayMs: { closed: [0.5], panel: [2] },
    };
    const f = buildFigures(s, '')!;
    expect(f.closedHookMsPerMb).toBeCloseTo(0.25, 10); // 0.5 ms median over 2 MB
    expect(f.panelOverDevtools).toBeCloseTo(1.07, 10); // median of 1.10 and 1.04
    expect(f.retainedClosedBytes).toBe(6 * 1024 * 1024);
    expect(verdicts(f)).toEqual({ closedHook: false, closedRetained: false, panelRatio: false, ws: false });
    expect(buildFigures(s, ' (reference)')).toBeUndefined();
  });
});
