import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStaticServer, type StaticServer } from './static-server';
import { waitForEventCount } from './panel-dom';

/** The panel on its fixture transport in plain headless Chromium (no extension): dist/panel-dev/fixture.html. */
export const ROOT = resolve(__dirname, '../../..');
export const PANEL_DEV_DIR = join(ROOT, 'dist/panel-dev');

export interface FixturePanel {
  browser: Browser;
  server: StaticServer;
  origin: string;
  open(query?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFixturePanel(): Promise<FixturePanel> {
  const server = await startStaticServer({ '/': PANEL_DEV_DIR, '/fixtures/': join(ROOT, 'test/fixtures') });
  const profile = mkdtempSync(join(tmpdir(), 'mesop-panel-'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/lib/chromium/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    server,
    origin: server.origin,
    async open(query = '') {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(`${server.origin}/fixture.html${query}`);
      await page.waitForFunction(() => window.__fixture !== undefined);
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Loads test/fixtures/<name>.har into the panel and waits until it shows `events` events. */
export async function loadFixture(page: Page, name: string, events: number, pageInfo?: object): Promise<void> {
  await page.evaluate(
    async (n: string, info?: object) => {
      const text = await (await fetch(`/fixtures/${n}.har`)).text();
      window.__fixture!.loadHar(text, info as never);
    },
    name,
    pageInfo,
  );
  await waitForEventCount(page, events, 20_000);
}
