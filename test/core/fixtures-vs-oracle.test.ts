/**
 * The core's numbers against an independent decoder: python/oracle.py decodes the same recorded
 * HAR files with mesop 1.3.7's own protobuf classes and Python's json, and writes
 * <fixture>.expected.json. Every number here must match byte for byte.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExchanges } from '../../src/core/analyze';
import { harToExchanges } from '../../src/core/capture/har';

const FIXTURES = join(__dirname, '../fixtures');
const names = existsSync(FIXTURES)
  ? readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => f.replace(/\.expected\.json$/, ''))
  : [];

interface Account {
  total: number;
  states: number;
  componentTree: number;
  commands: number;
  error: number;
  other: number;
}
interface OracleEvent {
  kind: string;
  handlerId: string | null;
  key: string | null;
  path: string | null;
  request: {
    wireBytes: number;
    protoBytes: number;
    stateUpload: string;
    stateBytes: number[];
    token: string | null;
    account: Account;
  };
  response: {
    wireBytes: number;
    sawStreamEnd: boolean;
    stateDownload: string;
    downStateBytes: number[];
    token: string | null;
    componentTree: string;
    error: string | null;
    messages: { type: string; protoBytes: number; account: Account }[];
  };
  mirror: { source: string; stateBytes: number[]; fieldBytes?: Record<string, number>[] };
}

it('has recorded fixtures with oracle values', () => {
  expect(names.length).toBeGreaterThanOrEqual(8);
});

describe.each(names)('fixture %s', (name) => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as {
    events: OracleEvent[];
  };
  const imported = harToExchanges(readFileSync(join(FIXTURES, `${name}.har`), 'utf8'));
  const analysis = analyzeExchanges(imported.exchanges, { keepFieldBytes: true });
  const events = analysis.session.events;

  it('finds the same events', () => {
    expect(events.map((e) => e.kind)).toEqual(expected.events.map((e) => e.kind));
  });

  it.each(expected.events.map((e, i) => [i, e] as const))('event %i: request', (i, want) => {
    const got = events[i]!;
    expect({
      handlerId: got.handlerId ?? null,
      key: got.key ?? null,
      path: got.path ?? null,
      wireBytes: got.request.bytes,
      protoBytes: got.request.account.total,
      stateUpload: got.request.stateUpload,
      stateBytes: got.request.stateBytes,
      token: got.request.token ?? null,
      account: got.request.account,
    }).toEqual({
      handlerId: want.handlerId,
      key: want.key,
      path: want.path,
      wireBytes: want.request.wireBytes,
      protoBytes: want.request.protoBytes,
      stateUpload: want.request.stateUpload,
      stateBytes: want.request.stateBytes,
      token: want.request.token,
      account: want.request.account,
    });
  });

  it.each(expected.events.map((e, i) => [i, e] as const))('event %i: response', (i, want) => {
    const got = events[i]!;
    const exchange = imported.exchanges[i]!;
    expect(exchange).toBeDefined();
    expect({
      wireBytes: got.response.bytes,
      sawStreamEnd: got.response.streamEnded,
      stateDownload: got.response.stateDownload,
      downStateBytes: got.response.stateBytes,
      token: got.response.token ?? null,
      componentTree: got.response.componentTree,
      error: got.error ?? null,
      messages: got.response.messages,
      account: got.response.account,
    }).toEqual({
      wireBytes: want.response.wireBytes,
      sawStreamEnd: want.response.sawStreamEnd,
      stateDownload: want.response.stateDownload,
      downStateBytes: want.response.downStateBytes,
      token: want.response.token,
      componentTree: want.response.componentTree,
      error: want.response.error,
      messages: want.response.messages.length,
      account: sumAccounts(want.response.messages.map((m) => m.account)),
    });
  });

  it.each(expected.events.map((e, i) => [i, e] as const))('event %i: mirrored state and field sizes', (i, want) => {
    const got = events[i]!;
    if (want.mirror.source === 'none') {
      expect(got.mirror.stateBytes).toEqual([]);
      return;
    }
    expect(got.mirror.stateBytes).toEqual(want.mirror.stateBytes);
    (want.mirror.fieldBytes ?? []).forEach((fields, cls) => {
      const ours = analysis.fieldBytes[i]?.[cls];
      expect(ours).toBeDefined();
      const mismatches = Object.entries(fields)
        .filter(([path, bytes]) => ours!.get(path) !== bytes)
        .map(([path, bytes]) => `${path}: oracle ${bytes}, core ${ours!.get(path)}`);
      expect(mismatches).toEqual([]);
    });
  });
});

function sumAccounts(accounts: Account[]): Account {
  const total: Account = { total: 0, states: 0, componentTree: 0, commands: 0, error: 0, other: 0 };
  for (const a of accounts) for (const k of Object.keys(total) as (keyof Account)[]) total[k] += a[k];
  return total;
}
