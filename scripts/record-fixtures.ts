/**
 * Re-records the HAR fixtures in test/fixtures/ from REAL Mesop servers (the pinned mesop in
 * .venv), then runs the independent Python oracle on each to write `<name>.expected.json`.
 *
 *   npm run record-fixtures                  all fixtures
 *   npm run record-fixtures -- chat image    only these
 *   npm run record-fixtures -- --measure     also: chat with/without body streaming, on loopback
 *                                            and throttled, to count how often getResponseBody
 *                                            alone loses SSE bodies (docs/capture.md)
 *
 * Each app runs on a free 127.0.0.1 port and is always stopped (finally + process exit hook).
 * See test/fixtures/README.md for what each fixture shows and the expected.json schema.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { startCapture, waitForMesopIdle } from '../src/cli/capture';
import type { CaptureStats } from '../src/core';
import { launchChromium } from '../src/cli/app/chromium';
import { FIXTURES, type FixtureSpec } from './fixtures/flows';
import { startMesop, type MesopServer } from '../src/cli/app/mesop-server';

const ROOT = findRoot();
const MESOP_BIN = join(ROOT, '.venv/bin/mesop');
const PYTHON = join(ROOT, '.venv/bin/python');
const FIXTURE_DIR = join(ROOT, 'test/fixtures');
const MAX_HAR_BYTES = 3 * 1024 * 1024;

interface RecordResult {
  name: string;
  harBytes: number;
  exchanges: number;
  stats: CaptureStats;
  ms: number;
}

async function recordOne(
  browser: Browser,
  spec: FixtureSpec,
  options: { streamBodies: boolean; write: boolean; throttle?: boolean },
): Promise<RecordResult> {
  const t0 = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), `mesop-fixture-${spec.name}-`));
  const env = Object.fromEntries(Object.entries(spec.env ?? {}).map(([k, v]) => [k, v.replace('{tmp}', scratch)]));
  const uploadFile = join(scratch, 'hello.txt');
  writeFileSync(uploadFile, 'Hello from the Mesop DevTools fixture recorder.\nSecond line: é 東京 🎉\n');
  const serverOptions = { app: join(ROOT, 'test/apps', spec.app), mesopBin: MESOP_BIN, env, prod: spec.prod };
  let server: MesopServer | undefined;
  const context = await browser.createBrowserContext();
  try {
    server = await startMesop(serverOptions);
    const page = await context.newPage();
    // Throttling (measure mode only) makes Chromium deliver the stream in pieces, as a real
    // network or proxy does: the client then sees <stream_end> before the response has ended.
    if (options.throttle) await page.emulateNetworkConditions({ download: 64 * 1024, upload: 64 * 1024, latency: 40 });
    const capture = await startCapture(page, { streamBodies: options.streamBodies });
    await page.goto(`${server.origin}/`, { waitUntil: 'domcontentloaded' });
    await waitForMesopIdle(capture, { expectRequests: 1, since: 0 });
    await spec.flow({
      page,
      capture,
      uploadFile,
      restartServer: async () => {
        const port = server!.port;
        await server!.stop();
        server = await startMesop({ ...serverOptions, port });
      },
    });
    await waitForMesopIdle(capture);
    await capture.stop();
    const har = capture.toHar({ creator: { name: 'mesop-devtools record-fixtures', version: '0.1.0' } });
    const text = JSON.stringify(har, null, 1);
    const harBytes = Buffer.byteLength(text);
    if (harBytes > MAX_HAR_BYTES)
      throw new Error(`${spec.name}.har is ${harBytes} bytes, over the ${MAX_HAR_BYTES} limit`);
    if (options.write) writeFileSync(join(FIXTURE_DIR, `${spec.name}.har`), text + '\n');
    return {
      name: spec.name,
      harBytes,
      exchanges: capture.exchanges().length,
      stats: capture.stats(),
      ms: Date.now() - t0,
    };
  } catch (err) {
    const log = server?.log() ?? '';
    throw new Error(
      `recording ${spec.name} failed: ${(err as Error).stack ?? err}\n--- mesop output (tail) ---\n${log.slice(-2000)}`,
    );
  } finally {
    await context.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runOracle(name: string): void {
  const r = spawnSync(PYTHON, [join(ROOT, 'python/oracle.py'), join(FIXTURE_DIR, `${name}.har`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`oracle failed on ${name}.har:\n${r.stdout}\n${r.stderr}`);
  process.stdout.write(r.stdout);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const measure = argv.includes('--measure');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !FIXTURES.some((f) => f.name === n));
  if (unknown.length > 0)
    throw new Error(`unknown fixture(s): ${unknown.join(', ')}; known: ${FIXTURES.map((f) => f.name).join(', ')}`);
  const specs = names.length > 0 ? FIXTURES.filter((f) => names.includes(f.name)) : FIXTURES;
  if (!existsSync(MESOP_BIN)) throw new Error(`${MESOP_BIN} missing: run \`node scripts/bootstrap.mjs\` first`);

  const chromium = await launchChromium();
  const results: RecordResult[] = [];
  try {
    for (const spec of specs) {
      const result = await recordOne(chromium.browser, spec, { streamBodies: true, write: true });
      results.push(result);
      console.log(
        `recorded ${spec.name}.har: ${result.exchanges} exchanges, ${result.harBytes} bytes, ${result.ms} ms; ` +
          `bodies: ${JSON.stringify(result.stats)}`,
      );
      runOracle(spec.name);
    }
    if (measure) {
      const chat = FIXTURES.find((f) => f.name === 'chat')!;
      for (const throttle of [false, true]) {
        for (const streamBodies of [false, true]) {
          const r = await recordOne(chromium.browser, chat, { streamBodies, write: false, throttle });
          console.log(
            `measure chat (${throttle ? 'throttled 64 kB/s, 40 ms' : 'loopback'}, ` +
              `${streamBodies ? 'streaming' : 'no streaming'}): ${JSON.stringify(r.stats)}`,
          );
        }
      }
    }
  } finally {
    await chromium.close();
  }
  if (names.length === 0) {
    const summary = Object.fromEntries(results.map((r) => [r.name, r.stats]));
    writeFileSync(join(FIXTURE_DIR, 'capture-stats.json'), JSON.stringify(summary, null, 1) + '\n');
  }
}

/** The repository root: two levels above dist/scripts/, or the working directory under npm. */
function findRoot(): string {
  for (const candidate of [resolve(__dirname, '../..'), resolve(__dirname, '..'), process.cwd()]) {
    if (existsSync(join(candidate, 'package.json')) && existsSync(join(candidate, 'test/apps'))) return candidate;
  }
  return process.cwd();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
