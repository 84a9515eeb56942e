/**
 * Each advice rule on the recorded fixtures: it fires where it should, stays quiet where it
 * should not, and its evidence numbers equal the independent oracle's (test/fixtures/*.expected.json).
 */
import { defaultAdviceConfig } from '../../../src/core/advise/advice-config';
import type { Finding } from '../../../src/core/advise/finding';
import { advise } from '../../../src/core/advise/registry';
import { TOKEN_NOT_FOUND } from '../../../src/core/session/build-session';
import { fixtureAnalysis, oracle } from '../../support/fixture-analysis';

const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
const only = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('state-upload', () => {
  it('is an error on the image app (full 1.07 MB state uploaded) with the oracle numbers', () => {
    const expected = oracle('image').events;
    const [finding, ...rest] = only(advise(fixtureAnalysis('image')), 'state-upload');
    expect(rest).toHaveLength(0);
    expect(finding!.level).toBe('error');
    expect(finding!.evidence.numbers.maxUploadStateBytes).toBe(sum(expected[2]!.request.stateBytes));
    expect(finding!.evidence.numbers.maxUploadStateBytes).toBe(1070147);
    expect(finding!.evidence.numbers.maxRequestBytes).toBe(expected[2]!.request.wireBytes);
    expect(finding!.evidence.events).toEqual([2]);
    expect(finding!.envLines).toEqual(['MESOP_STATE_SESSION_BACKEND=memory']);
    // Saved bytes come from the session: ~4/3 of the state on the wire, minus a token, averaged over the 2 uploads.
    expect(finding!.effect.bytesPerEvent).toBeGreaterThan(700_000);
    expect(finding!.effect.secondsPerEventSlow4G).toBeCloseTo(finding!.effect.bytesPerEvent / 84_375, 2);
    expect(finding!.effect.secondsPerEvent3G).toBeCloseTo(finding!.effect.bytesPerEvent / 50_000, 2);
  });

  it('picks the backend from the deployment', () => {
    const run = (deployment: Parameters<typeof defaultAdviceConfig>[1]) =>
      only(advise(fixtureAnalysis('image'), defaultAdviceConfig({}, deployment)), 'state-upload')[0]!;
    expect(run('single-process').envLines).toEqual(['MESOP_STATE_SESSION_BACKEND=memory']);
    expect(run('multi-process').envLines).toEqual([
      'MESOP_STATE_SESSION_BACKEND=file',
      'MESOP_STATE_SESSION_BACKEND_FILE_BASE_DIR=/var/tmp/mesop-sessions',
    ]);
    expect(run('multi-instance-affinity').envLines).toEqual(['MESOP_STATE_SESSION_BACKEND=memory']);
    expect(run('multi-instance-affinity').advice).toMatch(/session affinity/);
    const spread = run('multi-instance');
    expect(spread.envLines[0]).toBe('MESOP_STATE_SESSION_BACKEND=sql');
    expect(spread.envLines).toContain('MESOP_STATE_SESSION_BACKEND_SQL_TABLE=mesop_state_sessions');
    expect(spread.advice).toMatch(/firestore/);
    expect(spread.advice).toMatch(/TTL policy on the `expiresAt`/);
    expect(run('unknown').advice).toMatch(/Assuming one process/);
  });

  it('is quiet on the chat (1.5 kB of state is under the 100 kB threshold) and under the memory backend', () => {
    expect(ids(advise(fixtureAnalysis('chat')))).not.toContain('state-upload');
    expect(ids(advise(fixtureAnalysis('chat-memory')))).not.toContain('state-upload');
    expect(ids(advise(fixtureAnalysis('chat-file')))).not.toContain('state-upload');
  });

  it('follows a configured threshold: the chat warns at 1 kB', () => {
    const [finding] = only(
      advise(fixtureAnalysis('chat'), defaultAdviceConfig({ stateUploadWarn: 1000 })),
      'state-upload',
    );
    expect(finding!.level).toBe('warn');
    const expected = oracle('chat').events;
    expect(finding!.evidence.numbers.maxUploadStateBytes).toBe(
      Math.max(...expected.map((e) => sum(e.request.stateBytes))),
    );
    expect(finding!.evidence.events).toEqual([11, 12, 13, 14]);
  });
});

describe('blob-in-state', () => {
  it('names the image field and its type', () => {
    const [finding, ...rest] = only(advise(fixtureAnalysis('image')), 'blob-in-state');
    expect(rest).toHaveLength(0); // the 4 kB thumbnail is under the 50 kB threshold
    expect(finding!.level).toBe('warn');
    expect(finding!.evidence.paths).toEqual([{ stateClass: 1, path: 'image_data_url' }]);
    expect(finding!.title).toContain('`image_data_url`');
    expect(finding!.title).toContain('PNG image');
    expect(finding!.evidence.numbers.fieldBytes).toBe(oracle('image').events[2]!.mirror.fieldBytes![0]!.image_data_url);
    expect(finding!.evidence.events).toEqual([1, 2]);
    expect(finding!.advice).toMatch(/signed URLs/);
  });

  it('names an UploadedFile when the threshold is low enough for the 200 B test upload', () => {
    const [finding] = only(advise(fixtureAnalysis('upload'), defaultAdviceConfig({ blobWarn: 100 })), 'blob-in-state');
    expect(finding!.evidence.paths).toEqual([{ stateClass: 1, path: 'file' }]);
    expect(finding!.title).toContain('UploadedFile');
    expect(finding!.evidence.numbers.fieldBytes).toBe(oracle('upload').events[2]!.mirror.fieldBytes![0]!.file);
  });

  it('is quiet on apps without blobs and on the small upload by default', () => {
    for (const name of ['chat', 'kitchen', 'upload'])
      expect(ids(advise(fixtureAnalysis(name)))).not.toContain('blob-in-state');
  });
});

describe('growing-field', () => {
  it('finds the chat history growing, with the rate over the events that grew it, from the oracle', () => {
    const history = oracle('chat').events.map((e) => e.mirror.fieldBytes![0]!.history!);
    const rises = history
      .slice(1)
      .map((b, i) => b - history[i]!)
      .filter((d) => d > 0);
    const [finding, ...rest] = only(advise(fixtureAnalysis('chat')), 'growing-field');
    expect(rest).toHaveLength(0);
    expect(finding!.evidence.paths[0]).toEqual({ stateClass: 1, path: 'history' });
    expect(finding!.evidence.paths[1]).toEqual({ stateClass: 1, path: 'history[*].content' });
    expect(finding!.evidence.numbers.firstBytes).toBe(history[0]);
    expect(finding!.evidence.numbers.lastBytes).toBe(history[14]);
    expect(rises).toHaveLength(7); // the sends
    expect(finding!.evidence.numbers.bytesPerEvent).toBe(Math.round(sum(rises) / rises.length)); // 236, not 118 averaged over all 14
    expect(finding!.evidence.events).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(finding!.evidence.numbers.pageLoads).toBe(1);
    // (100 kB - 1679 B held) / 236 B per rise = 417 events: beyond the 100-event horizon, so no projection.
    expect(finding!.evidence.numbers.eventsToThreshold).toBeUndefined();
    expect(finding!.advice).toContain('The state held at the end of that page load is 1.7 kB');
    expect(finding!.level).toBe('info');
  });

  it('warns when the projection falls inside the horizon', () => {
    const history = oracle('chat').events.map((e) => e.mirror.fieldBytes![0]!.history!);
    const [finding] = only(
      advise(fixtureAnalysis('chat'), defaultAdviceConfig({ stateUploadWarn: 5000 })),
      'growing-field',
    );
    expect(finding!.level).toBe('warn');
    expect(finding!.evidence.numbers.eventsToThreshold).toBe(
      Math.ceil((5000 - 1679) / ((history[14]! - history[0]!) / 7)),
    );
  });

  it('is quiet on a list edited both ways (kitchen) and on apps that do not grow', () => {
    for (const name of ['kitchen', 'image', 'upload'])
      expect(ids(advise(fixtureAnalysis(name)))).not.toContain('growing-field');
  });
});

describe('heavy-component-tree', () => {
  it('is quiet by default on every fixture whose trees are a few kB', () => {
    for (const name of ['chat', 'kitchen', 'image', 'chat-websocket'])
      expect(ids(advise(fixtureAnalysis(name)))).not.toContain('heavy-component-tree');
  });

  it('fires at the default thresholds on the table app (1,500 rows), the page load included', () => {
    const [finding] = only(advise(fixtureAnalysis('table')), 'heavy-component-tree');
    const events = oracle('table').events;
    const tree = events.map((e) => sum(e.response.messages.map((m) => m.account.componentTree)));
    const total = events.map((e) => sum(e.response.messages.map((m) => m.account.total)));
    const perRender = events.map((e) => Math.max(...e.response.messages.map((m) => m.account.componentTree)));
    const heavy = perRender.map((b, i) => [b, i] as const).filter(([b]) => b >= 100_000);
    expect(heavy.map(([, i]) => i)).toContain(0); // the page load renders the table too
    expect(finding!.level).toBe('warn');
    expect(finding!.evidence.events).toEqual(heavy.map(([, i]) => i));
    expect(finding!.evidence.numbers.maxComponentTreeBytes).toBe(Math.max(...perRender));
    const heavyShare = sum(heavy.map(([, i]) => tree[i]!)) / sum(heavy.map(([, i]) => total[i]!));
    expect(finding!.evidence.numbers.componentTreeSharePercent).toBe(Math.round(heavyShare * 1000) / 10);
    expect(finding!.advice).toMatch(/A session backend would not help/);
    // And nothing tells this user to add a session backend: the state is a few bytes.
    expect(ids(advise(fixtureAnalysis('table')))).not.toContain('state-upload');
  });

  it('fires on the WebSocket chat when the threshold is 3 kB: the full tree goes down on every render', () => {
    const [finding] = only(
      advise(fixtureAnalysis('chat-websocket'), defaultAdviceConfig({ componentTreeWarn: 3000 })),
      'heavy-component-tree',
    );
    const tree = oracle('chat-websocket').events.map((e) =>
      Math.max(...e.response.messages.map((m) => m.account.componentTree)),
    );
    expect(finding!.evidence.events).toEqual(
      tree
        .map((b, i) => [b, i])
        .filter(([b]) => b! >= 3000)
        .map(([, i]) => i),
    );
    expect(finding!.evidence.numbers.maxComponentTreeBytes).toBe(Math.max(...tree));
    // No state goes up in WebSocket mode: no word about what a session backend would do.
    expect(finding!.advice).not.toMatch(/session backend/);
    expect(finding!.advice).toMatch(/WebSocket mode Mesop sends the full tree/);
  });
});

describe('backend-already-on', () => {
  it('reports the state held per session and memory per 100 sessions under the memory backend', () => {
    const [finding] = only(advise(fixtureAnalysis('chat-memory')), 'backend-already-on');
    const held = Math.max(...oracle('chat-memory').events.map((e) => sum(e.mirror.stateBytes)));
    expect(held).toBe(1679);
    expect(finding!.level).toBe('info');
    expect(finding!.evidence.numbers.heldStateBytesPerSession).toBe(held);
    expect(finding!.evidence.numbers.memoryPer100SessionsBytes).toBe(held * 100);
    expect(finding!.evidence.numbers.tokenEvents).toBe(14);
  });

  it('names the backend only when the session says which one runs', () => {
    const neutral = only(advise(fixtureAnalysis('chat-file')), 'backend-already-on')[0]!;
    expect(neutral.advice).toMatch(/in RAM per process with the memory backend .* file, sql or firestore/);
    expect(neutral.advice).not.toMatch(/^.*the memory backend holds/);
    const file = only(
      advise(fixtureAnalysis('chat-file'), { ...defaultAdviceConfig(), backend: 'file' }),
      'backend-already-on',
    )[0]!;
    expect(file.advice).toMatch(/the file backend writes about 168 kB per 100 concurrent sessions/);
    expect(file.advice).not.toMatch(/memory backend|RAM/);
  });

  it('is quiet without a backend and in WebSocket mode', () => {
    for (const name of ['chat', 'image', 'chat-websocket'])
      expect(ids(advise(fixtureAnalysis(name)))).not.toContain('backend-already-on');
  });
});

describe('token-misses', () => {
  it("states the cost of the miss: the failed exchange and the retry's full-state request, and one extra round trip", () => {
    const expected = oracle('chat-token-miss').events;
    const missAt = expected.findIndex((e) => e.response.error === TOKEN_NOT_FOUND);
    const [finding] = only(advise(fixtureAnalysis('chat-token-miss')), 'token-misses');
    const responseWire = fixtureAnalysis('chat-token-miss').session.events[missAt]!.response.bytes;
    const cost = expected[missAt]!.request.wireBytes + responseWire + expected[missAt + 1]!.request.wireBytes;
    expect(finding!.level).toBe('warn');
    expect(finding!.evidence.events).toEqual([missAt, missAt + 1]);
    expect(finding!.evidence.numbers.tokenMisses).toBe(1);
    expect(finding!.evidence.numbers.extraRoundTrips).toBe(1);
    expect(finding!.evidence.numbers.totalMissBytes).toBe(cost);
    expect(finding!.effect).toMatchObject({ events: 1, bytesPerEvent: cost, sessionBytes: cost, roundTrips: 1 });
    // The round trip's latency is part of the time: 562.5 ms at Slow 4G, 2 s at 3G.
    expect(finding!.effect.secondsPerEventSlow4G).toBeCloseTo(cost / 84_375 + 0.5625, 3);
    expect(finding!.effect.secondsPerEvent3G).toBeCloseTo(cost / 50_000 + 2, 3);
    expect(finding!.title).toContain('1 extra round trip(s)');
    expect(finding!.advice).toMatch(/session affinity/);
    expect(finding!.advice).toMatch(/10 minutes/);
  });

  it('is quiet when no token was missed', () => {
    for (const name of ['chat', 'chat-memory', 'chat-file'])
      expect(ids(advise(fixtureAnalysis(name)))).not.toContain('token-misses');
  });
});

describe('websocket-mode', () => {
  it('replaces the backend advice in WebSocket mode', () => {
    const findings = advise(fixtureAnalysis('chat-websocket'));
    expect(ids(findings)).toEqual(['websocket-mode']);
    expect(findings[0]!.evidence.numbers.userEvents).toBe(14);
    expect(findings[0]!.advice).toMatch(/MESOP_STATE_SESSION_BACKEND is not used/);
    expect(findings[0]!.advice).toMatch(/resets the user's state/);
  });

  it('is quiet in SSE mode', () => {
    expect(ids(advise(fixtureAnalysis('chat')))).not.toContain('websocket-mode');
  });
});

describe('registry', () => {
  it('sorts the most severe first, then by the session saving, and lets the config switch a rule off', () => {
    const findings = advise(fixtureAnalysis('image'));
    expect(findings.map((f) => f.level)).toEqual(['error', 'warn', 'warn']);
    expect(ids(findings)).toEqual(['state-upload', 'blob-in-state', 'big-response']); // the blob saves bytes, the response note none
    const config = defaultAdviceConfig();
    config.disabledRules = ['state-upload', 'big-response'];
    expect(ids(advise(fixtureAnalysis('image'), config))).toEqual(['blob-in-state']);
  });

  it('gives every finding a one-line title and an effect', () => {
    for (const name of ['chat', 'chat-memory', 'chat-token-miss', 'chat-websocket', 'image', 'kitchen', 'upload']) {
      for (const f of advise(fixtureAnalysis(name))) {
        expect(f.title).not.toContain('\n');
        expect(Number.isFinite(f.effect.secondsPerEventSlow4G)).toBe(true);
      }
    }
  });
});
