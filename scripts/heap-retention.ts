/**
 * What a Mesop tab's heap keeps with the extension installed and DevTools closed (issue 24, item 1:
 * at most 5 MB retained by default). Chromium without and with the unpacked extension, the observer
 * bench's app (bench/observer/observer_app.py, `--prod`, no session backend) at a state of `--kb`,
 * a few "Touch" events (the whole state up and down), two forced GCs, then the heap in use
 * (Runtime.getHeapUsage). `--detached` runs the events with no DevTools client attached (the page
 * clicks by itself). `--profiled N` runs the last N events under the CPU profiler. With `--strings N` it also takes a heap snapshot of the extension's page
 * and prints its N biggest strings with a retainer path each, to see what holds them.
 *
 *   npx esbuild scripts/heap-retention.ts --bundle --platform=node --external:puppeteer-core \
 *     --outfile=dist/tools/measure/heap-retention.js && \
 *   node dist/tools/measure/heap-retention.js [--kb 5000] [--events 4] [--strings 8] [--profiled 5] [--detached] [--ext dist/extension]
 */
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';
import { startMesop } from '../src/cli/app/mesop-server';
import { launch, type InstanceSpec } from '../bench/observer/instances';
import { heapAfterGc, loadState, touch } from '../bench/observer/page-event';

const ROOT = resolve(__dirname, '../../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const KB = Number(arg('kb', '5000'));
const EVENTS = Number(arg('events', '4'));
const STRINGS = Number(arg('strings', '0'));
/** The last N events under the CPU profiler (as the observer bench profiles its extension instances). */
const PROFILED = Number(arg('profiled', '0'));
/** Run the events with no DevTools protocol client attached to the browser. */
const DETACHED = process.argv.includes('--detached');
const EXT = resolve(arg('ext', join(ROOT, 'dist/extension')));

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

async function takeSnapshot(cdp: CDPSession): Promise<Snapshot> {
  const parts: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => parts.push(e.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  return JSON.parse(parts.join('')) as Snapshot;
}

/** The N biggest string nodes, each with one retainer path (up to a few hops), as lines. */
function biggestStrings(s: Snapshot, n: number): string[] {
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const nodeTypes = s.snapshot.meta.node_types[0];
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const [T, NAME, , SIZE, EDGES] = [0, 1, 2, 3, 4];
  const count = s.nodes.length / nf;
  const firstEdge = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i]! + s.nodes[i * nf + EDGES]! * ef;
  const retainers: { from: number; edge: number }[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < count; i++)
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += ef) {
      const etype = edgeTypes[s.edges[e]!];
      if (etype === 'weak') continue;
      retainers[s.edges[e + 2]! / nf]!.push({ from: i, edge: e });
    }
  const label = (i: number) =>
    `${nodeTypes[s.nodes[i * nf + T]!]}:${String(s.strings[s.nodes[i * nf + NAME]!])
      .slice(0, 40)
      .replace(/\n/g, ' ')}`;
  const edgeName = (e: number) =>
    edgeTypes[s.edges[e]!] === 'element' || edgeTypes[s.edges[e]!] === 'hidden'
      ? `[${s.edges[e + 1]}]`
      : String(s.strings[s.edges[e + 1]!]);
  const strs: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = nodeTypes[s.nodes[i * nf + T]!];
    if (t === 'string' || t === 'concatenated string' || t === 'sliced string') strs.push(i);
  }
  strs.sort((a, b) => s.nodes[b * nf + SIZE]! - s.nodes[a * nf + SIZE]!);
  return strs.slice(0, n).map((i) => {
    const path: string[] = [];
    let at = i;
    const seen = new Set<number>([i]);
    for (let hop = 0; hop < 10; hop++) {
      const r = retainers[at]!.find((x) => !seen.has(x.from));
      if (!r) break;
      path.push(`${edgeName(r.edge)} <- ${label(r.from)}`);
      seen.add(r.from);
      at = r.from;
    }
    return `${(s.nodes[i * nf + SIZE]! / 1e6).toFixed(2)} MB ${nodeTypes[s.nodes[i * nf + T]!]} (${retainers[i]!.length} retainers)\n    ${path.join('\n    ')}`;
  });
}

/** In the page: clicks Touch `n` times, each once the last one's result shows, then sets the title. */
function clickTouches(n: number): void {
  let i = 0;
  const next = () => {
    if (i++ >= n) {
      document.title = 'touched';
      return;
    }
    const want = `touches: ${i}`;
    const mo = new MutationObserver(() => {
      if (!document.body.innerText.includes(want)) return;
      mo.disconnect();
      setTimeout(next, 200);
    });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Touch')!.click();
  };
  setTimeout(next, 1000);
}

async function main(): Promise<void> {
  const app = join(ROOT, 'bench/observer/observer_app.py');
  const server = await startMesop({
    app,
    mesopBin: join(ROOT, '.venv/bin/mesop'),
    prod: true,
    env: { MESOP_WEBSOCKETS_ENABLED: 'false', OBSERVER_RENDER: '0' },
  });
  try {
    const specs: InstanceSpec[] = [
      { name: 'none', mode: 'none', build: 'this' },
      { name: 'closed', mode: 'closed', extDir: EXT, build: 'this' },
    ];
    for (const spec of specs) {
      const inst = await launch(spec);
      let reconnected: Browser | undefined;
      try {
        await loadState(inst.page, server.origin, KB);
        let page = inst.page;
        if (DETACHED) {
          // No DevTools client at all during the events (as on a user's tab): the page clicks by
          // itself, we disconnect, and come back once its title says it is done.
          await page.evaluate(clickTouches, EVENTS);
          const endpoint = inst.browser.wsEndpoint();
          await inst.browser.disconnect();
          await new Promise((r) => setTimeout(r, 2000 * EVENTS));
          reconnected = await puppeteer.connect({ browserWSEndpoint: endpoint });
          page = (await reconnected.pages()).find((p) => p.url().startsWith(server.origin))!;
          await page.waitForFunction(() => document.title === 'touched', { timeout: 120_000 });
        }
        const cdp = await page.createCDPSession();
        for (let i = 1; i <= (DETACHED ? 0 : EVENTS); i++) {
          const profiled = i > EVENTS - PROFILED;
          if (profiled) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
          await touch(page, i);
          if (profiled) await cdp.send('Profiler.stop').then(() => cdp.send('Profiler.disable'));
        }
        const used = await heapAfterGc(cdp);
        console.log(
          `${spec.name}: ${(used / 1e6).toFixed(1)} MB in use after ${EVENTS} events at ${KB} kB (${DETACHED ? 'no client attached during them' : `${PROFILED} profiled`})`,
        );
        // The debug build's view of the hook's backlog (absent from a `--zip` build).
        const backlog = await page.evaluate(() =>
          JSON.stringify((window as { __mesopHookDebug?: { backlog?: () => unknown } }).__mesopHookDebug?.backlog?.()),
        );
        if (backlog) console.log(`  the hook's backlog: ${backlog}`);
        if (STRINGS > 0) for (const l of biggestStrings(await takeSnapshot(cdp), STRINGS)) console.log(l);
      } finally {
        await reconnected?.close();
        await inst.close();
      }
    }
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(3);
});
