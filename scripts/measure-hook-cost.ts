/**
 * A rough measure of the page hook's own main-thread time (issue 24), for development; the bench's
 * observer-effect phase measures it properly. Chromium with an unpacked debug build (its main-world
 * hook times itself: `window.__mesopHookDebug.syncMs` inside the page's calls and before Mesop's
 * listeners, `laterMs` in its own tasks after them; the relay's posts in idle tasks on an attribute
 * of <html>), a real Mesop 1.3.7 app (test/apps/huge.py)
 * holding a state of 1 and 5 MB, five "Touch" events each (the whole state up and down; the
 * median event is printed), with
 * DevTools closed and with the Mesop panel open; then WebSocket mode, the state rendered (frames
 * of the state's size). Each build given is measured in turn, side by side in one run.
 *
 *   npx esbuild scripts/measure-hook-cost.ts --bundle --platform=node --external:puppeteer-core \
 *     --outfile=dist/tools/measure/hook-cost.js && node dist/tools/measure/hook-cost.js [label=dir ...]
 * (three folders deep, as the test helpers it uses find the repository from their own folder)
 */
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, openDevTools, showMesopPanel } from '../test/extension/support/chromium';
import { startMesop } from '../test/extension/support/mesop-server';

const EVENTS = 5;
const builds = (process.argv.slice(2).length ? process.argv.slice(2) : ['after=dist/extension']).map((a) => {
  const [label, dir] = a.includes('=') ? a.split('=') : [a, a];
  return { label: label!, dir: resolve(dir!) };
});

/** In the page: the hook's own times so far (the debug build's counters). */
const readDebug = (): { syncMs: number; laterMs?: number; idleMs: number } => ({
  ...(window as unknown as { __mesopHookDebug: { syncMs: number; laterMs?: number } }).__mesopHookDebug,
  idleMs: Number(document.documentElement.getAttribute('data-mesop-devtools-relay-post-ms') ?? 0),
});

async function touches(page: Page): Promise<number> {
  return page.evaluate(() => Number(/touches: (\d+)/.exec(document.body.innerText)?.[1] ?? -1));
}

async function measure(dir: string, mb: number, panel: boolean, websockets: boolean) {
  const server = await startMesop('test/apps/huge.py', {
    websockets,
    env: { HUGE_STATE_MB: String(mb), ...(websockets ? { HUGE_RENDER: '1' } : {}) },
  });
  const session = await launchWithExtension(dir);
  try {
    const { page } = session;
    if (panel) {
      const { dt, extId } = await openDevTools(session);
      await showMesopPanel(dt, extId);
    }
    await page.goto(server.origin + '/');
    await page.waitForFunction(() => document.body.innerText.includes('blob: 0 chars'), { timeout: 60_000 });
    await page.locator('::-p-aria([name="Grow"][role="button"])').click();
    await page.waitForFunction(
      (chars: string) => document.body.innerText.includes(`blob: ${chars} chars`),
      { timeout: 60_000 },
      String(mb * 1_000_000),
    );
    await new Promise((r) => setTimeout(r, 1000)); // the hook's later tasks and the relay's idle posts
    // Per event, its median: on a loaded machine a task can be descheduled inside a timed span.
    const samples: { syncMs: number; laterMs: number; idleMs: number }[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const before = await page.evaluate(readDebug);
      const n = await touches(page);
      await page.locator('::-p-aria([name="Touch"][role="button"])').click();
      await page.waitForFunction(
        (k: number) => document.body.innerText.includes(`touches: ${k}`),
        { timeout: 60_000 },
        n + 1,
      );
      await new Promise((r) => setTimeout(r, 1000));
      const after = await page.evaluate(readDebug);
      samples.push({
        syncMs: after.syncMs - before.syncMs,
        laterMs: (after.laterMs ?? 0) - (before.laterMs ?? 0),
        idleMs: after.idleMs - before.idleMs,
      });
    }
    const median = (k: 'syncMs' | 'laterMs' | 'idleMs') =>
      samples.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(EVENTS / 2)]!;
    return { syncMs: median('syncMs'), laterMs: median('laterMs'), idleMs: median('idleMs') };
  } finally {
    await session.close();
    await server.stop();
  }
}

async function main() {
  const rows: string[] = [];
  for (const [mb, websockets] of [
    [1, false],
    [5, false],
    [1, true],
  ] as const) {
    for (const panel of [false, true]) {
      const cells: string[] = [];
      for (const b of builds) {
        const m = await measure(b.dir, mb, panel, websockets);
        cells.push(
          `${b.label}: sync ${m.syncMs.toFixed(2)} ms, later ${m.laterMs.toFixed(2)} ms, relay idle posts ${m.idleMs.toFixed(2)} ms`,
        );
      }
      const row = `${websockets ? 'WebSocket' : 'SSE'} ${mb} MB, ${panel ? 'panel open' : 'DevTools closed'} | ${cells.join(' | ')}`;
      console.log(row);
      rows.push(row);
    }
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(3);
});
