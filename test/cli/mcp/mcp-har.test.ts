/**
 * `mesop-devtools mcp` on recorded fixtures, through the MCP SDK's own client over stdio: the tool
 * list, the Python oracle's numbers (test/fixtures/*.expected.json) through get_event and
 * top_fields, paging, the resources, redaction, and one clean tool error per bad input.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, CLI, connect, fixture, ROOT, type Connected } from './mcp-support';

interface OracleEvent {
  kind: string;
  request: { wireBytes: number; protoBytes: number; stateUpload: string; stateBytes: number[] };
  response: {
    wireBytes: number;
    downStateBytes: number[];
    stateDownload: string;
    componentTree: string;
    messages: { account: { total: number; componentTree: number } }[];
  };
  mirror: { source: string; stateBytes: number[]; fieldBytes?: Record<string, number>[] };
}
const oracle = (name: string): OracleEvent[] =>
  JSON.parse(readFileSync(fixture(`${name}.expected.json`), 'utf8')).events;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const TOOLS = [
  'analyze_har',
  'budgets',
  'compare',
  'dev_status',
  'dev_switch_backend',
  'findings',
  'get_event',
  'list_events',
  'run_flow',
  'top_fields',
];

let mcp: Connected;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'mcp-har-test-'));
  mcp = await connect();
});
afterAll(async () => {
  await mcp?.close();
  rmSync(tmp, { recursive: true, force: true });
});

it('lists the ten tools, each with a description and typed input and output', async () => {
  const { tools } = await mcp.client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
  for (const t of tools) {
    expect(t.description!.length).toBeGreaterThan(40);
    expect(t.inputSchema.type).toBe('object');
    expect(t.outputSchema?.type).toBe('object');
  }
  const get = tools.find((t) => t.name === 'get_event')!;
  expect(get.inputSchema.required).toEqual(['session', 'index']);
});

it("image.har: get_event gives the oracle's bytes for every event, top_fields its field sizes", async () => {
  const want = oracle('image');
  const a = await call<{ session: string; events: number; biggestField: { path: string; bytes: number } }>(
    mcp,
    'analyze_har',
    { path: 'test/fixtures/image.har' },
  );
  expect(a.isError).toBe(false);
  expect(a.value.events).toBe(want.length);
  const s = a.value.session;
  for (const [i, w] of want.entries()) {
    const e = (await call<Record<string, any>>(mcp, 'get_event', { session: s, index: i })).value;
    expect({
      kind: e.kind,
      up: e.up.bytes,
      upProto: e.up.protoBytes,
      stateUpload: e.up.stateUpload,
      upState: e.up.stateBytes,
      down: e.down.bytes,
      downProto: e.down.protoBytes,
      stateDownload: e.down.stateDownload,
      downState: e.down.stateBytes,
      tree: e.down.componentTree,
      treeBytes: e.down.componentTreeBytes,
      held: e.heldStateBytes,
    }).toEqual({
      kind: w.kind,
      up: w.request.wireBytes,
      upProto: w.request.protoBytes,
      stateUpload: w.request.stateUpload,
      upState: w.request.stateBytes,
      down: w.response.wireBytes,
      downProto: sum(w.response.messages.map((m) => m.account.total)),
      stateDownload: w.response.stateDownload,
      downState: w.response.downStateBytes,
      tree: w.response.componentTree,
      treeBytes: sum(w.response.messages.map((m) => m.account.componentTree)),
      held: w.mirror.source === 'none' ? [] : w.mirror.stateBytes,
    });
  }
  // Default event: the largest held state. Every field's size is the oracle's for that path.
  const top = await call<{
    event: number;
    fields: { stateClass: number; path: string; bytes: number }[];
    complete: boolean;
  }>(mcp, 'top_fields', { session: s, n: 3 });
  const heldMax = want.reduce(
    (best, w, i) => (sum(w.mirror.stateBytes) > sum(want[best]!.mirror.stateBytes) ? i : best),
    0,
  );
  expect(top.value.event).toBe(heldMax);
  // The oracle's fieldBytes are per class position; stateClass counts from 1.
  const fields = want[heldMax]!.mirror.fieldBytes!;
  expect(top.value.fields.length).toBeGreaterThan(1);
  for (const f of top.value.fields) expect([f.path, f.bytes]).toEqual([f.path, fields[f.stateClass - 1]![f.path]]);
  const biggest = Object.entries(fields[0]!).sort((x, y) => y[1] - x[1])[0]!;
  expect([top.value.fields[0]!.path, top.value.fields[0]!.bytes]).toEqual(biggest);
  expect(a.value.biggestField).toMatchObject({ path: biggest[0], bytes: biggest[1] });
  // Paths and sizes only: not one byte of the image's base64 in any answer.
  expect(JSON.stringify(await call(mcp, 'get_event', { session: s, index: 1 }))).not.toMatch(/base64,|iVBOR/);
});

it('pages through a long session (kitchen.har) without losing or repeating an event, filters before paging', async () => {
  const want = oracle('kitchen');
  const s = (await call<{ session: string }>(mcp, 'analyze_har', { path: fixture('kitchen.har') })).value.session;
  type Page = {
    total: number;
    nextOffset: number | null;
    events: { index: number; kind: string; upBytes: number; downBytes: number }[];
  };
  const rows: Page['events'] = [];
  let offset: number | null = 0;
  let pages = 0;
  while (offset !== null) {
    const p: Page = (await call<Page>(mcp, 'list_events', { session: s, offset, limit: 4 })).value;
    expect(p.total).toBe(want.length);
    rows.push(...p.events);
    offset = p.nextOffset;
    pages++;
  }
  expect(pages).toBe(Math.ceil(want.length / 4));
  expect(rows.map((r) => [r.index, r.kind, r.upBytes, r.downBytes])).toEqual(
    want.map((w, i) => [i, w.kind, w.request.wireBytes, w.response.wireBytes]),
  );
  const clicks = (await call<Page>(mcp, 'list_events', { session: s, kind: 'click', limit: 200 })).value;
  expect(clicks.total).toBe(want.filter((w) => w.kind === 'click').length);
  expect(clicks.nextOffset).toBeNull();
  const big = (await call<Page>(mcp, 'list_events', { session: s, minBytes: 5000 })).value;
  expect(big.events.map((r) => r.index)).toEqual(
    want.flatMap((w, i) => (w.request.wireBytes + w.response.wireBytes >= 5000 ? [i] : [])),
  );
});

it('findings, budgets, compare and the resources say what analyze says', async () => {
  const s = (await call<{ session: string }>(mcp, 'analyze_har', { path: 'test/fixtures/image.har' })).value.session;
  const cli = spawnSync(process.execPath, [CLI, 'analyze', '--json', 'test/fixtures/image.har'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const report = JSON.parse(cli.stdout);
  const findings = await call<{ findings: { id: string; envLines: string[] }[] }>(mcp, 'findings', { session: s });
  expect(findings.value.findings).toEqual(report.findings);
  expect(findings.value.findings.map((f) => f.id)).toContain('state-upload');

  const budgets = await call<{ source: string; passed: boolean; budgets: { id: string; passed: boolean }[] }>(
    mcp,
    'budgets',
    { session: s },
  );
  expect(budgets.value.source).toBe('the recommended preset');
  expect(budgets.value.budgets.length).toBeGreaterThan(0);
  expect(budgets.value.passed).toBe(
    !budgets.value.budgets.some((b) => !b.passed && (b as { level?: string }).level === 'error'),
  );

  writeFileSync(join(tmp, 'base.json'), cli.stdout);
  const same = await call<{ sameFlow: boolean; saving: { total: number }; totalRows: number }>(mcp, 'compare', {
    baseline: join(tmp, 'base.json'),
    session: s,
  });
  expect(same.value).toMatchObject({ sameFlow: true, saving: { total: 0 }, totalRows: report.events.length });
  const chat = (await call<{ session: string }>(mcp, 'analyze_har', { path: 'test/fixtures/chat.har' })).value.session;
  const other = await call<{ sameFlow: boolean; saving: { total: number } }>(mcp, 'compare', {
    baseline: s,
    session: chat,
  });
  expect(other.value.sameFlow).toBe(false);

  // The latest report (chat's now) as JSON is analyze --json's; as Markdown it has the findings.
  const chatCli = JSON.parse(
    spawnSync(process.execPath, [CLI, 'analyze', '--json', 'test/fixtures/chat.har'], { cwd: ROOT, encoding: 'utf8' })
      .stdout,
  );
  const { resources } = await mcp.client.listResources();
  expect(resources.map((r) => r.uri).sort()).toEqual([
    'mesop-devtools://report/latest.json',
    'mesop-devtools://report/latest.md',
  ]);
  const json = JSON.parse(
    ((await mcp.client.readResource({ uri: 'mesop-devtools://report/latest.json' })).contents[0] as { text: string })
      .text,
  );
  expect({ ...json, generatedAt: 0 }).toEqual({ ...chatCli, generatedAt: 0 });
  const md = (
    (await mcp.client.readResource({ uri: 'mesop-devtools://report/latest.md' })).contents[0] as { text: string }
  ).text;
  expect(md).toContain('## Mesop payload budgets');
  for (const f of chatCli.findings) expect(md).toContain(f.title);
});

it('answers every bad input with one clear sentence and keeps serving', async () => {
  const notHar = join(tmp, 'notes.har');
  writeFileSync(notHar, 'these are notes, not JSON');
  const noMesop = join(tmp, 'other.har');
  writeFileSync(
    noMesop,
    JSON.stringify({
      log: {
        version: '1.2',
        entries: [
          {
            request: { method: 'GET', url: 'http://127.0.0.1:1/app.js', headers: [] },
            response: { status: 200, headers: [], content: { size: 0, text: '' } },
          },
        ],
      },
    }),
  );
  const s = (await call<{ session: string }>(mcp, 'analyze_har', { path: fixture('image.har') })).value.session;
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['analyze_har', { path: join(tmp, 'missing.har') }, /cannot read .*missing\.har: ENOENT/],
    ['analyze_har', { path: notHar }, /notes\.har is .*(HAR|JSON)/],
    ['analyze_har', { path: noMesop }, /has no Mesop UI traffic/],
    ['get_event', { session: 'nope', index: 0 }, /There is no session "nope"/],
    ['get_event', { session: s, index: 99 }, /has events 0 to 2; there is no event 99/],
    ['list_events', { session: s, limit: 0 }, /limit/],
    ['budgets', { session: s, config: join(tmp, 'none.json') }, /none\.json/],
    ['compare', { session: s, baseline: notHar }, /cannot read baseline .*notes\.har/],
    ['dev_status', { url: 'http://192.0.2.1:32123/' }, /Only a dev server on this machine/],
    ['dev_status', { url: 'http://127.0.0.1:9/' }, /Nothing answers at http:\/\/127\.0\.0\.1:9\//],
  ];
  for (const [tool, args, message] of cases) {
    const r = await call(mcp, tool, args);
    expect([tool, r.isError]).toEqual([tool, true]);
    expect(r.text).toMatch(message);
    expect(r.text.split('\n')).toHaveLength(1);
    expect(r.text).not.toMatch(/\n\s+at |internal error/);
  }
  expect((await mcp.client.listTools()).tools).toHaveLength(TOOLS.length);
});

it('with --include-values, get_event writes the held state to a file; it exits 0 when stdin closes', async () => {
  const outDir = join(tmp, 'out');
  const v = await connect({ args: ['--include-values', '--out-dir', outDir] });
  try {
    const s = (await call<{ session: string }>(v, 'analyze_har', { path: fixture('image.har') })).value.session;
    const e = await call<{ heldStateBytes: number[]; values: { file: string; bytes: number } }>(v, 'get_event', {
      session: s,
      index: 1,
    });
    expect(e.value.values.file.startsWith(outDir)).toBe(true);
    const held = JSON.parse(readFileSync(e.value.values.file, 'utf8')) as unknown[];
    expect(Buffer.byteLength(JSON.stringify(held[0]))).toBe(e.value.heldStateBytes[0]);
    expect((held[0] as { image_data_url: string }).image_data_url).toMatch(/^data:image\/png;base64,/);
  } finally {
    await v.close();
  }
  // A client going away: stdin closes, the server exits on its own with 0.
  const child = spawn(process.execPath, [CLI, 'mcp'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<[number | null, string | null]>((done) =>
    child.once('exit', (code, signal) => done([code, signal])),
  );
  child.stdin.end(
    `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`,
  );
  expect(await exited).toEqual([0, null]);
  expect(existsSync(outDir)).toBe(true);
});
