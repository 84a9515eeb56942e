/**
 * Measurements behind docs/extension-capture.md: how complete each capture path is against a real
 * Mesop 1.3.7 server. Slow (a few minutes), so it only runs when asked:
 *   node scripts/build.mjs && MESOP_CAPTURE_MEASURE=1 npx jest test/extension/capture.measure.test.ts
 * Options: MESOP_CAPTURE_EVENTS (default 40), MESOP_EXT_DIR (default dist/extension).
 * It writes the numbers to stdout and to $TMPDIR/mesop-capture-measure.json.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { waitFor } from '../support/wait-for';
import { EXTENSION_DIR, launchWithExtension, openDevTools, showMesopPanel } from './support/chromium';
import { startMesop } from './support/mesop-server';
import { readPanel, type PanelSnapshot } from './support/panel-read';
import { runEvents, SPIKE_APP, waitForApp } from './support/spike-app';

const enabled = process.env.MESOP_CAPTURE_MEASURE === '1';
const N = Number(process.env.MESOP_CAPTURE_EVENTS ?? 40);
const EXT = process.env.MESOP_EXT_DIR ?? EXTENSION_DIR;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type When = 'panel-first' | 'devtools-open-panel-later' | 'before-devtools';

function summarize(s: PanelSnapshot, expected: number) {
  const sse = s.diags.filter((d) => d.transport === 'sse');
  const delays: number[] = [];
  for (const r of s.rows) {
    const d = s.diags.find((x) => `net:${x.key}` === r.sourceIds.network);
    if (d && r.endedAt) delays.push(d.receivedAt - r.endedAt);
  }
  delays.sort((a, b) => a - b);
  const count = (f: (r: PanelSnapshot['rows'][number]) => boolean) => s.rows.filter(f).length;
  return {
    expectedEvents: expected,
    rows: s.rows.length,
    rowsHookAndNetwork: count((r) => r.sources.length === 2),
    rowsHookOnly: count((r) => r.sources.join() === 'hook'),
    rowsNetworkOnly: count((r) => r.sources.join() === 'network'),
    rowsComplete: count((r) => r.complete),
    rowsWithProblems: s.rows.filter((r) => r.problems.length).map((r) => `${r.id}: ${r.problems.join('; ')}`),
    hookComplete: count((r) => r.sources.includes('hook') && r.complete && (r.sources.length === 1 || !r.problems.length)),
    network: {
      sseEntries: sse.length,
      viaGetHarAtStart: s.entriesBeforePanel,
      getContentNull: sse.filter((d) => d.contentNull).length,
      getContentPartial: sse.filter((d) => !d.contentNull && !d.contentHasStreamEnd).length,
      getContentComplete: sse.filter((d) => d.contentHasStreamEnd).length,
      withEventSourceMessages: sse.filter((d) => d.eventSourceMessages > 0).length,
      eventSourceComplete: sse.filter((d) => d.eventSourceHasStreamEnd).length,
      nullAndEventSourceComplete: sse.filter((d) => d.contentNull && d.eventSourceHasStreamEnd).length,
      neitherComplete: sse.filter((d) => !d.contentHasStreamEnd && !d.eventSourceHasStreamEnd).length,
      errors: [...new Set(sse.map((d) => d.error).filter(Boolean))],
      websocketEntries: s.diags.filter((d) => d.transport === 'websocket').map((d) => ({ via: d.via, frames: d.wsFrames })),
      delayAfterHookMs: delays.length ? { min: delays[0], median: delays[delays.length >> 1], max: delays[delays.length - 1] } : null,
    },
    page: s.page,
    hookError: s.hookError ?? null,
    maxRequestChars: Math.max(0, ...s.rows.map((r) => r.requestBody?.length ?? 0)),
  };
}

/**
 * Test-only probe, independent of the extension: which XHR end events Mesop's /__ui__ requests
 * really fire. Patches the prototype in this test browser only (the extension's hook does not).
 */
function countXhrEndEvents() {
  const w = window as unknown as { __xhrEnds: Record<string, number> };
  w.__xhrEnds = { requests: 0, load: 0, abort: 0, error: 0, neither: 0 };
  const send = XMLHttpRequest.prototype.send;
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest & { __ui?: boolean }, ...args: unknown[]) {
    this.__ui = String(args[1]).endsWith('/__ui__');
    return (open as (...a: unknown[]) => void).apply(this, args);
  } as typeof open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest & { __ui?: boolean }, body) {
    if (this.__ui) {
      w.__xhrEnds.requests!++;
      let ended = '';
      for (const t of ['load', 'abort', 'error']) this.addEventListener(t, () => { if (!ended) { ended = t; w.__xhrEnds[t]!++; } });
      // Counted as "neither" after 5 s with no end event (Mesop's requests here take < 1 s).
      setTimeout(() => { if (!ended) w.__xhrEnds.neither!++; }, 5000);
    }
    return send.call(this, body);
  };
}

async function scenario(ws: boolean, when: When, n: number) {
  const server = await startMesop(SPIKE_APP, { websockets: ws });
  const session = await launchWithExtension(EXT);
  try {
    const { page } = session;
    await page.evaluateOnNewDocument(countXhrEndEvents);
    const before = when === 'panel-first' ? 0 : 5;
    let dt; let extId; let panel;
    if (when !== 'before-devtools') ({ dt, extId } = await openDevTools(session));
    // This measures what DevTools' own path yields, so it reads every body (the panel otherwise
    // asks only when the hook's copy needs it: NetworkSource.fetchAllContent).
    const readAllBodies = (f: Frame) => f.evaluate(() => { (window as any).__mesopCapture.network.fetchAllContent = true; });
    if (when === 'panel-first') { panel = await showMesopPanel(dt!, extId!); await readAllBodies(panel); }
    await page.goto(server.origin + '/');
    await waitForApp(page);
    await runEvents(page, before);
    if (when === 'before-devtools') ({ dt, extId } = await openDevTools(session));
    if (!panel) { panel = await showMesopPanel(dt!, extId!); await readAllBodies(panel); }
    await runEvents(page, n - before, { blobEvery: 10 });
    await sleep(2500); // the measurement window: what DevTools' path delivers within it is the figure
    // Every request's end counted (the 5 s "neither" timers of the last ones run out).
    const ends = () => page.evaluate(() => (window as unknown as { __xhrEnds: Record<string, number> }).__xhrEnds);
    if (!ws) await waitFor('every /__ui__ XHR to be counted', async () => { const e = await ends(); return e.load! + e.abort! + e.error! + e.neither! >= e.requests!; }, { timeoutMs: 15_000, describe: async () => JSON.stringify(await ends()) });
    const live = { ...summarize(await readPanel(panel), n + 1), xhrEndEvents: await page.evaluate(() => (window as unknown as { __xhrEnds: unknown }).__xhrEnds) };
    let afterClose;
    if (ws) {
      await page.goto('about:blank'); // closes the socket: now onRequestFinished fires for it
      await sleep(2500);
      afterClose = summarize(await readPanel(panel), n + 1);
    }
    return { ws, when, live, afterClose };
  } finally {
    await session.close();
    await server.stop();
  }
}

(enabled ? test : test.skip)('measure capture paths against real Mesop', async () => {
  const results = [];
  for (const ws of [false, true]) {
    for (const when of ['panel-first', 'devtools-open-panel-later', 'before-devtools'] as When[]) {
      results.push(await scenario(ws, when, when === 'panel-first' ? N : 10));
    }
  }
  const out = JSON.stringify(results, null, 1);
  writeFileSync(join(tmpdir(), 'mesop-capture-measure.json'), out);
  console.log(out);
}, 900_000);
