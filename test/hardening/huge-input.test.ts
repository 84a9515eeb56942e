/**
 * Huge inputs through the real CLI (issue 7): a HAR holding a 100 MB state (a well-formed SSE
 * exchange made with the test encoder) and a body over Chromium's 20 MB per-resource limit (a HAR
 * entry with content.size > 20 MB and no text). `analyze --json` runs in a child process with a
 * bounded V8 heap, so "stays up" means: within that heap, exit 0, and a row for each.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { b64, b64url, renderResponse, stateResponse, uiRequest } from './support/mesop-encode';

const CLI = join(__dirname, '../../dist/cli/mesop-devtools.js');
/** Old-space limit for the child. Peak measured on a 100 MB state: see docs/benchmarks.md (558 MB RSS at 512). */
const HEAP_MB = 512;
const STATE_MB = 100;

let dir: string;
let harFile: string;
let stateBytes = 0;

/** A chat-like state of about STATE_MB, mostly ASCII with some two-byte characters. */
function bigState(): string {
  const message = `"${'Mesop sends the state up and down on every click, café. '.repeat(17_500)}"`; // ~1 MB
  const n = Math.ceil((STATE_MB * 1e6) / message.length);
  return `{"title": "big", "history": [${Array.from({ length: n }, () => message).join(', ')}]}`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'huge-input-'));
  harFile = join(dir, 'huge.har');
  const state = bigState();
  stateBytes = Buffer.byteLength(state);
  const response = b64(stateResponse('full', [state]));
  const fd = openSync(harFile, 'w');
  try {
    const entry = (i: number, request: string, response: object) =>
      JSON.stringify({
        startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        time: 100,
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:8000/__ui__',
          headers: [],
          postData: { mimeType: 'text/plain', text: request },
        },
        response: { status: 200, headers: [], content: response },
      });
    // Written in pieces: the 133 MB of base64 go to the file without another JSON.stringify copy.
    const head = entry(0, b64url(uiRequest({ init: true, path: '/' })), {
      size: 0,
      mimeType: 'text/event-stream',
      text: '@@TEXT@@',
    });
    const [before, after] = head.split('"@@TEXT@@"') as [string, string];
    writeSync(fd, `{"log":{"version":"1.2","entries":[${before}"data: ${b64(renderResponse())}\\n\\ndata: `);
    for (let i = 0; i < response.length; i += 1 << 24) writeSync(fd, response.slice(i, i + (1 << 24)));
    writeSync(fd, `\\n\\ndata: <stream_end>\\n\\n"${after},`);
    // The next event: a body Chromium did not keep (over 20 MB), with a real request.
    writeSync(
      fd,
      entry(1, b64url(uiRequest({ userEvent: { stateToken: 'tok', handlerId: 'on_click' }, path: '/' })), {
        size: 25_000_000,
        mimeType: 'text/event-stream',
      }),
    );
    writeSync(fd, ']}}');
  } finally {
    closeSync(fd);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(`analyze --json reports a ${STATE_MB} MB state and an over-20 MB body within a ${HEAP_MB} MB heap`, () => {
  expect(existsSync(CLI)).toBe(true); // npm test builds dist/ before jest
  const started = Date.now();
  // A preload records the child's peak resident memory as it exits (stderr must stay clean).
  const preload = join(dir, 'rss.js');
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(join(dir, 'rss'))}, String(process.resourceUsage().maxRSS)));`,
  );
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--require', preload, CLI, 'analyze', harFile, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      timeout: 180_000,
    },
  );
  const seconds = (Date.now() - started) / 1000;
  expect({ status: child.status, signal: child.signal, stderr: child.stderr.slice(0, 2000) }).toEqual({
    status: 0,
    signal: null,
    stderr: '',
  });
  const report = JSON.parse(child.stdout);
  const [big, over] = report.events;
  expect(report.events).toHaveLength(2);
  expect(big.response.stateBytes).toEqual([stateBytes]);
  expect(big.mirror.stateBytes).toEqual([stateBytes]);
  expect(big.response.streamEnded).toBe(true);
  expect(big.topFields[0]).toMatchObject({ path: 'history' });
  expect(over.problems.join('\n')).toMatch(/body not kept: 25000000 bytes is over Chromium's 20 MB per-resource limit/);
  expect(over.request.stateUpload).toBe('token');
  const rssMb = Number(readFileSync(join(dir, 'rss'), 'utf8')) / 1024;
  process.stderr.write(
    `[huge-input] ${STATE_MB} MB state: analysed in ${seconds.toFixed(1)} s, --max-old-space-size=${HEAP_MB}, peak RSS ${rssMb.toFixed(0)} MB\n`,
  );
}, 240_000);

it('the human table says so too', () => {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'analyze', harFile], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 180_000,
  });
  expect(child.status).toBe(0);
  expect(child.stdout).toMatch(/\d{3} MB full/);
  expect(child.stdout).toMatch(/over Chromium's 20 MB per-resource limit/);
}, 240_000);
