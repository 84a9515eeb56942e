/**
 * What the rules used to miss, on fixtures recorded from real Mesop apps (test/apps), against the
 * oracle's numbers:
 * - `stream`: a ~500 kB component tree on the page load (event #0), and one click whose handler
 *   yields 40 times (one response of 40 renders);
 * - `lists`: a list edited in the middle (DeepDiff 8's `iterable_items_equal` rows: normal, no
 *   problem), `del words[1:4]`, which Mesop 1.3.7's client applies as a one-item deletion, and
 *   `words[1:4] = ["r"]`, whose `iterable_items_replaced` row the client ignores.
 */
import { advise } from '../../../src/core/advise/registry';
import type { Finding } from '../../../src/core/advise/finding';
import { fixtureAnalysis, oracle } from '../../support/fixture-analysis';

const only = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
/** An SSE message on the wire: `data: ` + standard base64 of the protobuf + a blank line. */
const sseWire = (protoBytes: number) => 6 + 4 * Math.ceil(protoBytes / 3) + 2;

interface StreamOracleEvent {
  kind: string;
  response: { wireBytes: number; messages: { type: string; protoBytes: number; account: { componentTree: number } }[] };
}
const streamOracle = () => oracle('stream') as unknown as { events: StreamOracleEvent[] };

describe('stream fixture', () => {
  const findings = advise(fixtureAnalysis('stream'));

  it('flags the heavy first load: the component tree of the page load (init included)', () => {
    const [finding] = only(findings, 'heavy-component-tree');
    const init = streamOracle().events[0]!;
    const tree = Math.max(...init.response.messages.map((m) => m.account.componentTree));
    expect(init.kind).toBe('init');
    expect(tree).toBeGreaterThan(100_000);
    expect(finding!.evidence.events[0]).toBe(0);
    expect(finding!.evidence.numbers.maxComponentTreeBytes).toBe(tree);
    expect(finding!.title).toContain('event #0, page load 1 of 2');
  });

  it('flags the response over 500 kB: the page load', () => {
    const [finding] = only(findings, 'big-response');
    const events = streamOracle().events;
    expect(finding!.evidence.events).toEqual(
      events
        .map((e, i) => [e.response.wireBytes, i])
        .filter(([b]) => b! >= 500_000)
        .map(([, i]) => i),
    );
    expect(finding!.evidence.numbers.maxResponseBytes).toBe(events[0]!.response.wireBytes);
  });

  it('flags the 40 renders from one click with their count and bytes; sending only the last saves the rest', () => {
    const [finding] = only(findings, 'streamed-renders');
    const click = streamOracle().events.findIndex((e) => e.kind === 'click');
    const renders = streamOracle()
      .events[click]!.response.messages.filter((m) => m.type === 'render')
      .map((m) => sseWire(m.protoBytes));
    expect(renders).toHaveLength(40);
    expect(finding!.evidence.events).toEqual([click]);
    expect(finding!.evidence.numbers.maxRenders).toBe(40);
    expect(finding!.evidence.numbers.rendersBytes).toBe(renders.reduce((a, b) => a + b, 0));
    expect(finding!.effect).toMatchObject({
      direction: 'down',
      events: 1,
      sessionBytes: renders.slice(0, -1).reduce((a, b) => a + b, 0),
    });
    expect(finding!.advice).toMatch(/Yield less often/);
    // The streamed renders are small one by one: the heavy-tree rule does not count their sum.
    expect(only(findings, 'heavy-component-tree')[0]!.evidence.events).not.toContain(click);
  });
});

describe('lists fixture', () => {
  const analysis = fixtureAnalysis('lists');
  const events = oracle('lists').events;
  const items = (i: number) =>
    Object.keys(events[i]!.mirror.fieldBytes![0]!).filter((p) => /^words\[\d+\]$/.test(p)).length;

  it('a list edited in the middle raises no problem: iterable_items_equal rows are normal', () => {
    expect(analysis.session.events.flatMap((e) => e.problems)).toEqual([]);
    expect(analysis.session.events[1]!.desyncs).toBeUndefined(); // the insertion is applied right
    expect(items(1)).toBe(items(0) + 2);
  });

  it('the multi-item deletion is a desync finding with its evidence and the re-upload', () => {
    const desyncs = only(advise(analysis), 'client-desync');
    expect(desyncs.map((f) => f.evidence.events[0])).toEqual([3, 5]);
    const finding = desyncs[0];
    // `del words[1:4]` on the 9 items held before: the server keeps 6; the browser (oracle's replay
    // of the 1.3.7 client, byte-checked against its next upload) keeps 8 and uploads them with event #4.
    const before = items(2);
    expect(before).toBe(9);
    expect(finding!.level).toBe('error');
    expect(finding!.evidence.paths).toEqual([{ stateClass: 1, path: 'words' }]);
    expect(finding!.evidence.numbers).toMatchObject({
      serverRemoved: 3,
      browserRemoved: before - items(3),
      at: 1,
      serverItems: before - 3,
      browserItems: items(3),
      reuploadEvent: 4,
    });
    expect(events[4]!.request.stateBytes).toEqual(events[3]!.mirror.stateBytes);
    expect(finding!.evidence.events).toEqual([3, 4]);
    expect(finding!.title).toContain(
      'the server deleted 3 items at index 1 in event #3, the browser deleted 1 and now holds 8 items where the server holds 6',
    );
    expect(finding!.advice).toMatch(/Mesop 1\.3\.7/);
    expect(finding!.advice).toMatch(/uploaded its copy with event #4/);
    expect(finding!.advice).toMatch(/dataclasses or dicts/);
  });

  it('the replaced run the client ignores is a desync finding too, checked against the re-upload', () => {
    const finding = only(advise(analysis), 'client-desync')[1]!;
    // `words[1:4] = ["r"]` on the 8 items held before: the server keeps 6; the browser sets item 1
    // (the values_changed row), ignores the replacement, keeps 8 and uploads them with event #6.
    expect(items(4)).toBe(8);
    expect(items(5)).toBe(8);
    expect(finding.evidence.numbers).toMatchObject({
      serverRemoved: 3,
      serverAdded: 1,
      browserRemoved: 0,
      at: 1,
      serverItems: 8 - 3 + 1,
      browserItems: 8,
      reuploadEvent: 6,
    });
    expect(events[6]!.request.stateBytes).toEqual(events[5]!.mirror.stateBytes);
    expect(finding.title).toContain(
      'the server replaced 3 items at index 1 with 1 in event #5, the browser ignored it and now holds 8 items where the server holds 6',
    );
  });

  it('kitchen: its DeepDiff opcodes raise no problem either, and its real deletion bug is found', () => {
    const kitchen = fixtureAnalysis('kitchen');
    expect(kitchen.session.events.flatMap((e) => e.problems).filter((p) => /iterable_items_equal/.test(p))).toEqual([]);
    expect(only(advise(kitchen), 'client-desync').map((f) => f.evidence.paths[0]!.path)).toEqual(['words']);
  });
});
