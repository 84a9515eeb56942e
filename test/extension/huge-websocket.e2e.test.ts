/**
 * A WebSocket frame over what one extension message carries (32 Mi characters), from a real Mesop
 * app in WebSocket mode (test/apps/huge.py with HUGE_RENDER=1: a 13 MB string rendered in a hidden
 * box, so every render's frame is ~34.7 M characters; state stays on the server in this mode, so
 * only a component tree makes a frame this big). Two ways to capture the same frame:
 * - DevTools closed while it came: only the page hook saw it. Its text cannot be carried to the
 *   panel, so the row has its size and says why.
 * - DevTools open: DevTools hands the panel the whole frame (its network API is not bound by the
 *   extension message limit), so the row is complete.
 * The independent truth is DevTools' own copy of the frame (getHAR), and the two rows must agree.
 * About 40 s. Run: node scripts/build.mjs && npx jest test/extension/huge-websocket.e2e
 */
import { shownRows } from '../panel/support/panel-dom';
import { openDevTools, showMesopPanel } from './support/chromium';
import { growHugeState } from './support/huge-app';
import { mesopWithExtension } from './support/mesop-with-extension';

const MAX_CARRIED_CHARS = 32 * 1024 * 1024;
/** `data: <stream_end>\n\n`, the frame that ends a request's responses. */
const STREAM_END_FRAME = 'data: <stream_end>\n\n'.length;
const start = mesopWithExtension();

interface HarLog {
  entries: { request: { url: string }; _webSocketMessages?: { type: string; data: string }[] }[];
}

test('a 34.7 M-character WebSocket frame: sizes only from the page hook, whole from DevTools, the same size both ways', async () => {
  const { server, session } = await start('test/apps/huge.py', {
    websockets: true,
    env: { HUGE_STATE_MB: '13', HUGE_RENDER: '1' },
  });
  const page = session.page;

  // 1. DevTools closed: the main-world hook buffers what the page sends and receives.
  await page.goto(`${server.origin}/`);
  await growHugeState(page, 13);
  const { dt, extId } = await openDevTools(session);
  const panel = await showMesopPanel(dt, extId);
  await panel.waitForFunction(() => document.querySelector('#event-count')?.textContent === '2', { timeout: 60_000 });
  const [, hookOnly] = await shownRows(panel);
  expect(hookOnly!.problem).toBe(true);
  const omitted = /response frame of (\d+) characters too big to carry from the page \(sizes only\)/.exec(
    hookOnly!.notes,
  );
  expect(omitted).not.toBeNull();
  const frameChars = Number(omitted![1]);
  expect(frameChars).toBeGreaterThan(MAX_CARRIED_CHARS);
  expect(hookOnly!.down).toBe(frameChars + STREAM_END_FRAME);

  // 2. DevTools open: a reload starts a new log and a new socket, which DevTools records.
  await page.reload();
  await panel.waitForFunction(() => document.querySelector('#event-count')?.textContent === '1', { timeout: 60_000 });
  await growHugeState(page, 13);
  await panel.waitForFunction(() => document.querySelector('#event-count')?.textContent === '2', { timeout: 60_000 });
  // The hook's row (sizes only) shows first; DevTools' copy of the frame completes it when its next
  // getHAR() poll has read the 35 M characters, seconds later on a busy machine (the row waits for
  // it: capture-store.ts isFinal).
  const shown = Date.now();
  await panel
    .waitForFunction(() => document.querySelector('#event-rows tr[data-index="1"]:not(.problem)'), { timeout: 60_000 })
    .catch(async (e) => {
      console.log(`row 1 still incomplete after 60 s: ${(await shownRows(panel))[1]?.notes}`);
      throw e;
    });
  const [, whole] = await shownRows(panel);
  expect(whole!.problem).toBe(false);
  // Decoded from DevTools' copy: the 13 MB string is in the component tree (the hook's row had none).
  const tree = await panel.evaluate(
    () => (window as any).__mesopDebug.report.events[1].response.componentTreeBytes as number,
  );
  expect(tree).toBeGreaterThan(13_000_000);
  console.log(`DevTools' copy completed the row ${Date.now() - shown} ms after it showed`);

  // DevTools' copy of the new socket's frames: the Grow event is its second request.
  const log = await panel.evaluate(
    () =>
      new Promise<HarLog>((resolve) =>
        (
          globalThis as unknown as { chrome: { devtools: { network: { getHAR(cb: (h: HarLog) => void): void } } } }
        ).chrome.devtools.network.getHAR(resolve),
      ),
  );
  const sockets = log.entries.filter((e) => /^wss?:/.test(e.request.url) && e.request.url.endsWith('/__ui__'));
  const frames = sockets[sockets.length - 1]!._webSocketMessages!;
  const sends = frames.flatMap((f, i) => (f.type === 'send' ? [i] : []));
  expect(sends).toHaveLength(2);
  const growFrames = frames.slice(sends[1]! + 1).filter((f) => f.type === 'receive');
  expect(growFrames.map((f) => f.data.length)).toEqual([frameChars, STREAM_END_FRAME]);
  expect(whole!.down).toBe(frameChars + STREAM_END_FRAME);
  expect(whole!.up).toBe(frames[sends[1]!]!.data.length);
  expect(hookOnly!.up).toBe(whole!.up);
}, 300_000);
