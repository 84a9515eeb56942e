#!/usr/bin/env node
// What the `mesop` fixture costs a Playwright test: the same chat flow with Playwright's own `test`
// and with `mesop-devtools/playwright` (capture over CDP, analysis, report attachments, the config's
// budgets and one matcher), alternating in one run (one spec file, `--repeat-each`, one worker, one app),
// and the median test duration of each as Playwright measures it.
//   node scripts/build.mjs && node bench/playwright-fixture.mjs [--repeat 10]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1] || 10);
const port = await new Promise((done) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => done(p));
  });
});

const work = mkdtempSync(join(tmpdir(), 'bench-playwright-'));
try {
  cpSync(join(root, 'bench/playwright-fixture'), work, { recursive: true });
  cpSync(join(root, 'test/apps/chat.py'), join(work, 'main.py'));
  writeFileSync(join(work, 'mesop-devtools.config.json'), JSON.stringify({ budgets: { preset: 'recommended' } }));
  // This checkout as the installed package, and its Playwright (one copy for both specs).
  mkdirSync(join(work, 'node_modules/@playwright'), { recursive: true });
  symlinkSync(root, join(work, 'node_modules/mesop-devtools'));
  for (const p of ['@playwright/test', 'playwright', 'playwright-core'])
    symlinkSync(join(root, 'node_modules', p), join(work, 'node_modules', p));
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--repeat-each', String(repeat)],
    {
      cwd: work,
      encoding: 'utf8',
      timeout: 900_000,
      env: {
        ...process.env,
        CHAT_PORT: String(port),
        MESOP: join(root, '.venv/bin/mesop'),
        CHROMIUM: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium',
      },
    },
  );
  if (r.status !== 0) throw new Error(`playwright test exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(readFileSync(join(work, 'results.json'), 'utf8'));
  const durations = {};
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests) for (const res of t.results) (durations[spec.title] ??= []).push(res.duration);
    for (const s of suite.suites ?? []) walk(s);
  };
  report.suites.forEach(walk);
  const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const rows = Object.entries(durations).map(([title, xs]) => ({
    title,
    runs: xs.length,
    median: median(xs),
    min: Math.min(...xs),
    max: Math.max(...xs),
  }));
  for (const row of rows)
    console.log(
      `${row.title.padEnd(30)} ${String(row.runs).padStart(3)} runs  median ${row.median} ms  (min ${row.min}, max ${row.max})`,
    );
  const [plain, fixture] = ['chat, plain Playwright', 'chat, with the mesop fixture'].map((t) =>
    rows.find((r) => r.title === t),
  );
  console.log(`fixture overhead (median): ${fixture.median - plain.median} ms per test`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
