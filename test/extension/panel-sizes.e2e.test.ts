/**
 * The Mesop panel at the three sizes a user gives DevTools (docked right, docked at the bottom,
 * undocked), in real Chromium with the built extension on a real Mesop chat app: at each size a
 * screenshot of the panel shows the panel (not a blank window) and the chart and the event list
 * are laid out inside it with room to read. Under `npm run screenshots` the docked shots are
 * written to docs/ (docs/panel.png, the undocked one, comes from panel.e2e).
 * Run: node scripts/build.mjs && npx jest test/extension/panel-sizes.e2e
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { chartInk, eventCount, waitForEventCount } from '../panel/support/panel-dom';
import { CHAT_APP, sendChat } from './support/chat-app';
import { EXTENSION_DIR, openDevTools, showMesopPanel } from './support/chromium';
import { mesopWithExtension } from './support/mesop-with-extension';
import { imageStats, PANEL_SIZES, panelLayout, showPanelAt, type PanelSize } from './support/panel-size';
import { screenshotPath, screenshotTmp } from './support/screenshot-path';

const ROOT = resolve(__dirname, '../..');
const MESSAGES = ['Hello there', 'How big is my state?', 'One more question'];
const EVENTS = 1 + 2 * MESSAGES.length;
const shots = screenshotTmp();
const start = mesopWithExtension();
let dt: Page;
let panel: Frame;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'panel.js')))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const { server, session } = await start(CHAT_APP);
  const opened = await openDevTools(session);
  dt = opened.dt;
  panel = await showMesopPanel(dt, opened.extId);
  await showPanelAt(dt, panel, 'undocked');
  await session.page.goto(`${server.origin}/`);
  await session.page.waitForSelector('input');
  for (const m of MESSAGES) await sendChat(session.page, m);
  await waitForEventCount(panel, EVENTS);
}, 180_000);
afterAll(() => rmSync(shots, { recursive: true, force: true }));

test.each(Object.keys(PANEL_SIZES) as PanelSize[])(
  '%s: the screenshot shows the panel with its chart and event list',
  async (size) => {
    await showPanelAt(dt, panel, size);
    expect(await eventCount(panel)).toBe(EVENTS);
    // The chart worker redraws at the new size: bars (not only the legend) are on screen.
    expect(await chartInk(panel)).toBeGreaterThan(1000);

    const layout = await panelLayout(panel);
    const { width, height } = PANEL_SIZES[size];
    expect(layout.window.width).toBe(width);
    expect(layout.window.scrollWidth).toBeLessThanOrEqual(width); // nothing pushed off to the right
    // The chart: wide and tall enough to read bars, and inside the window.
    expect(layout.chart.visibleWidth).toBeGreaterThanOrEqual(Math.min(360, width * 0.3));
    expect(layout.chart.visibleHeight).toBeGreaterThanOrEqual(80);
    // The event list: several whole rows readable without scrolling the panel.
    expect(layout.list.visibleWidth).toBeGreaterThanOrEqual(Math.min(400, width * 0.3));
    expect(layout.visibleRows).toBeGreaterThanOrEqual(size === 'docked-bottom' ? 4 : EVENTS);

    // The screenshot: the panel's part of the DevTools window (below DevTools' tab bar) is not blank.
    const top = height - layout.window.height;
    const png = await dt.screenshot({
      encoding: 'base64',
      clip: { x: 0, y: top, width, height: layout.window.height },
      captureBeyondViewport: false,
    });
    const stats = await imageStats(panel, png);
    expect(stats).toMatchObject({ width, height: layout.window.height });
    expect(stats.colors).toBeGreaterThan(200); // text, bars in six colours, tints: a blank window has a handful
    expect(stats.unlikeCorner).toBeGreaterThan(0.05);
    // The file keeps DevTools' tab bar, as a user sees it.
    const file = screenshotPath(`panel-${size}.png`, shots);
    if (size !== 'undocked' || !process.env.MESOP_SCREENSHOTS) {
      writeFileSync(
        file,
        Buffer.from(await dt.screenshot({ encoding: 'base64', captureBeyondViewport: false }), 'base64'),
      );
    }
  },
);
