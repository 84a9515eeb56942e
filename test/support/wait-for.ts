/**
 * Waits for a condition, bounded: calls `probe` every `everyMs` until it returns something other
 * than `undefined` or `false`, and returns that; after `timeoutMs` it throws, naming `what` it
 * waited for and (with `describe`) what it saw last. The one way tests poll: a fixed sleep either
 * wastes time or, on a loaded machine, is too short.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  {
    timeoutMs = 30_000,
    everyMs = 100,
    describe,
  }: { timeoutMs?: number; everyMs?: number; describe?: () => string | Promise<string> } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `: ${await describe()}` : ''}`);
    // Unref'd: a wait abandoned by a failed test never keeps jest alive.
    await new Promise((r) => setTimeout(r, everyMs).unref?.());
  }
}
