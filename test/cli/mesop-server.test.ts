/**
 * The Mesop launcher (demo, fixture recording, the browser tests) when mesop cannot start: a clear
 * error naming the binary, and no signal to the caller's own process group. (Before the fix, an
 * ENOENT left the child without a pid and the exit handler sent SIGKILL to process group 0: the
 * CLI, and the npm or shell that ran it, died with "Killed" and no message.)
 */
import { killAllNow, startMesop } from '../../src/cli/app/mesop-server';
import { killGroup } from '../../src/cli/app/kill-group';

/** process.kill calls made during `run`, passed through except those aimed at our own group. */
async function recordKills<T>(
  run: () => Promise<T>,
): Promise<{ result: PromiseSettledResult<T>; ownGroup: unknown[][] }> {
  const ownGroup: unknown[][] = [];
  const real = process.kill.bind(process);
  const spy = jest.spyOn(process, 'kill').mockImplementation(((pid: number, signal?: string | number) => {
    if (pid === 0 || Object.is(pid, -0) || pid === -process.pid) {
      ownGroup.push([pid, signal]);
      return true;
    }
    return real(pid, signal);
  }) as typeof process.kill);
  try {
    const [result] = await Promise.allSettled([run()]);
    killAllNow(); // what the last-resort 'exit' handler runs: it must not hit us either
    return { result: result!, ownGroup };
  } finally {
    spy.mockRestore();
  }
}

it('a missing mesop binary is an error that names it, and signals nothing of ours', async () => {
  const { result, ownGroup } = await recordKills(() =>
    startMesop({ app: 'main.py', mesopBin: '/nonexistent/.venv/bin/mesop' }),
  );
  expect(result.status).toBe('rejected');
  expect(String((result as PromiseRejectedResult).reason)).toMatch(
    /could not start \/nonexistent\/\.venv\/bin\/mesop: spawn \/nonexistent\/\.venv\/bin\/mesop ENOENT/,
  );
  expect(ownGroup).toEqual([]);
});

it('killGroup never signals group 0 (our own) for a child without a pid', async () => {
  const { ownGroup } = await recordKills(async () => {
    killGroup(undefined, 'SIGKILL');
    killGroup(0, 'SIGKILL');
  });
  expect(ownGroup).toEqual([]);
});
