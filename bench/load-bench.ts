/**
 * What `mesop-devtools load`'s virtual users cost the machine that runs them: events per CPU-second
 * of one core (Locust runs all users of a process on one core, with gevent), and the overhead of
 * the state handling (own state copy, diffs applied, JSON re-serialized, token, handler ids) against
 * a plain Locust HttpUser posting the same recorded bodies (bench/load/plain_locust.py). Target from
 * issue 25: state handling adds at most 25%.
 *
 *   node scripts/build.mjs && node dist/bench/load-bench.js [--rounds 3] [--users 4] [--seconds 5]
 *
 * One Mesop server (test/apps/chat.py, backend none: every event uploads the whole state, the
 * heaviest case for the client) serves both. CPU time is each load process's own (getrusage), so
 * the server's share of the shared cores does not count; events are what each process completed.
 * Rounds alternate which contender goes first; the figure is the median over rounds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMesop } from '../src/cli/app/mesop-server';
import { harToExchanges } from '../src/core/capture/har';
import { scriptFromExchanges } from '../src/cli/load/script-from-har';

const ROOT = join(__dirname, '../..');
const PYTHON = join(ROOT, '.venv/bin/python');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 3);
const USERS = arg('users', 4);
const SECONDS = arg('seconds', 5);
const env = { ...process.env, PYTHONPATH: join(ROOT, 'python/package') };

interface Result {
  events: number;
  cpuSeconds: number;
  failures: number;
}

function virtualUsers(host: string, script: string, users: number, seconds: number, logDir?: string): Result {
  const out = spawnSync(
    PYTHON,
    [
      '-m',
      'mesop_devtools.load',
      'run',
      '--script',
      script,
      '--host',
      host,
      '--steps',
      String(users),
      '--step-seconds',
      String(seconds),
      '--think-scale',
      '0',
      ...(logDir ? ['--log-dir', logDir] : []),
    ],
    { env, encoding: 'utf8' },
  );
  const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`runner failed: ${out.stderr.slice(-2000)}`);
  const step = JSON.parse(line) as { events: number; errors: number; clientCpuSeconds: number };
  return { events: step.events, cpuSeconds: step.clientCpuSeconds, failures: step.errors };
}

function plainUsers(host: string, log: string, users: number, seconds: number): Result {
  const out = spawnSync(PYTHON, [join(ROOT, 'bench/load/plain_locust.py'), log, host, String(users), String(seconds)], {
    env,
    encoding: 'utf8',
  });
  const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`plain Locust failed: ${out.stderr.slice(-2000)}`);
  return JSON.parse(line) as Result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'load-bench-'));
  const server = await startMesop({
    app: join(ROOT, 'test/apps/chat.py'),
    mesopBin: join(ROOT, '.venv/bin/mesop'),
    env: { MESOP_STATE_SESSION_BACKEND: 'none' },
  });
  try {
    const script = join(dir, 'script.json');
    const har = readFileSync(join(ROOT, 'test/fixtures/chat.har'), 'utf8');
    writeFileSync(script, JSON.stringify(scriptFromExchanges(harToExchanges(har).exchanges, 'chat.har')));
    // One user's log gives the bodies the plain user posts (live handler ids, the states it uploaded).
    const logDir = join(dir, 'log');
    virtualUsers(server.origin, script, 1, 2, logDir);
    const log = join(logDir, readdirSync(logDir)[0]!);

    const rates: { vu: number[]; plain: number[] } = { vu: [], plain: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? (['plain', 'vu'] as const) : (['vu', 'plain'] as const);
      for (const who of order) {
        const r =
          who === 'vu'
            ? virtualUsers(server.origin, script, USERS, SECONDS)
            : plainUsers(server.origin, log, USERS, SECONDS);
        if (r.failures) throw new Error(`${who}: ${r.failures} failed events`);
        rates[who].push(r.events / r.cpuSeconds);
        console.log(
          `round ${round + 1} ${who.padEnd(5)}: ${r.events} events in ${r.cpuSeconds.toFixed(2)} CPU-s = ${(r.events / r.cpuSeconds).toFixed(0)} events per CPU-second`,
        );
      }
    }
    const vu = median(rates.vu);
    const plain = median(rates.plain);
    const overhead = (plain / vu - 1) * 100;
    console.log(`\nload generator, chat session, backend none, ${USERS} users, ${ROUNDS} rounds (median):`);
    console.log(`  MesopUser (state handled):     ${vu.toFixed(0)} events per CPU-second of one core`);
    console.log(`  plain Locust user (same bodies): ${plain.toFixed(0)} events per CPU-second`);
    console.log(
      `  state handling overhead: ${overhead.toFixed(1)}% CPU per event (target <= 25%): ${overhead <= 25 ? 'ok' : 'OVER'}`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(3);
});
