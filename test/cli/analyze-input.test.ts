import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import { fakeProcess } from '../support/fake-process';

const FIXTURES = join(__dirname, '../fixtures');
const expected = (name: string) => require(join(FIXTURES, `${name}.expected.json`));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mesop-devtools analyze', () => {
  it("prints one table row per Mesop event, with the oracle's byte counts", async () => {
    const p = fakeProcess(['analyze', join(FIXTURES, 'chat.har'), '--json']);
    expect(await run(p.proc)).toBe(0);
    const report = JSON.parse(p.stdout());
    const oracle = expected('chat');
    expect(report.schema).toBe('mesop-devtools/payload-report');
    expect(report.version).toBe(1);
    expect(report.events.map((e: { request: { bytes: number } }) => e.request.bytes)).toEqual(
      oracle.events.map((e: { request: { wireBytes: number } }) => e.request.wireBytes),
    );
    expect(report.events.map((e: { response: { bytes: number } }) => e.response.bytes)).toEqual(
      oracle.events.map((e: { response: { wireBytes: number } }) => e.response.wireBytes),
    );
    expect(report.session).toMatchObject({ transport: 'sse', backend: 'none', stateClasses: 1 });
  });

  it('names the biggest field in the human table', async () => {
    const p = fakeProcess(['analyze', join(FIXTURES, 'image.har')]);
    expect(await run(p.proc)).toBe(0);
    const lines = p.stdout().split('\nFindings')[0]!.split('\n'); // the table, not the wrapped findings under it
    const last = lines.filter((l) => /^\s*\d+\s/.test(l)).pop()!;
    expect(last).toMatch(/MB/);
    expect(p.stdout()).toMatch(/biggest field/);
  });

  it.each([
    ['a file that is not JSON', 'garbage {', /is not JSON/],
    ['JSON that is not a HAR', '{"hello": 1}', /not a HAR file: no log\.entries/],
    [
      'a HAR without Mesop traffic',
      JSON.stringify({ log: { entries: [{ request: { url: 'http://x/app.js', method: 'GET' } }] } }),
      /no Mesop UI traffic/,
    ],
  ])('rejects %s with one line and exit 2', async (_what, content, message) => {
    const file = join(dir, `bad-${Math.random()}.har`);
    writeFileSync(file, content);
    const p = fakeProcess(['analyze', file]);
    expect(await run(p.proc)).toBe(2);
    expect(p.stderr()).toMatch(message);
    expect(p.stderr().trim().split('\n')).toHaveLength(1);
    expect(p.stderr()).not.toMatch(/\n\s+at /);
    expect(p.stdout()).toBe('');
  });

  it('rejects a missing file and bad usage with exit 2', async () => {
    const missing = fakeProcess(['analyze', join(dir, 'nope.har')]);
    expect(await run(missing.proc)).toBe(2);
    expect(missing.stderr()).toMatch(/cannot read .*nope\.har: ENOENT/);
    const usage = fakeProcess(['analyze']);
    expect(await run(usage.proc)).toBe(2);
    const unknownFlag = fakeProcess(['analyze', 'x.har', '--jsn']);
    expect(await run(unknownFlag.proc)).toBe(2);
    expect(unknownFlag.stderr()).toMatch(/--jsn/);
  });
});
