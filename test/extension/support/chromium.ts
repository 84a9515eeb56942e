import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';

/** Launch + DevTools + panel, exactly as /work/shared/design/browser-testing.md §2-3 verified. */
export const EXTENSION_DIR = resolve(__dirname, '../../../dist/extension');

export interface Session { browser: Browser; page: Page; close(): Promise<void> }

/** `extraArgs`: more Chromium flags (the panel bench adds --enable-precise-memory-info). */
export async function launchWithExtension(extDir = EXTENSION_DIR, extraArgs: string[] = []): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'mesop-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/lib/chromium/chromium',
    headless: true,
    enableExtensions: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
      `--load-extension=${extDir}`, `--disable-extensions-except=${extDir}`, ...extraArgs,
    ],
  });
  const [page] = await browser.pages();
  return {
    browser, page: page!,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function extensionId(browser: Browser): Promise<string> {
  const sw = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
  return new URL(sw.url()).host;
}

/** Opens DevTools docked to `page`; returns the DevTools page. */
export async function openDevTools(session: Session): Promise<{ dt: Page; extId: string }> {
  const extId = await extensionId(session.browser);
  const dt = await session.page.openDevTools();
  await dt.waitForFrame((f) => f.url() === `chrome-extension://${extId}/devtools.html`);
  return { dt, extId };
}

/** Shows the Mesop panel (after it is registered: pitfall P7) and returns its frame. */
export async function showMesopPanel(dt: Page, extId: string): Promise<Frame> {
  const panelId = `chrome-extension://${extId}Mesop`;
  // DevTools' own module; the path is relative to devtools_app.html. A string, so a bundler (the
  // panel bench is bundled with esbuild) never tries to resolve the import.
  // 60 s: DevTools took over 30 s to register the panel once, at load 12 on 2 cores (the whole
  // suite in CI); on timeout, say which tabs it had, to tell slowness from a panel never added.
  await dt.waitForFunction(
    `import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().tabbedPane.tabIds().includes(${JSON.stringify(panelId)}))`,
    { polling: 50, timeout: 60_000 }).catch(async (e) => {
    const tabs = await dt.evaluate(`import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().tabbedPane.tabIds().join(', '))`).catch(() => '?');
    throw new Error(`the Mesop panel was not registered in DevTools (tabs: ${String(tabs)}): ${(e as Error).message}`);
  });
  await dt.evaluate((id: string) => (globalThis as unknown as { DevToolsAPI: { showPanel(id: string): void } }).DevToolsAPI.showPanel(id), panelId);
  const panel = await dt.waitForFrame((f) => f.url() === `chrome-extension://${extId}/panel.html`);
  await panel.waitForFunction(() => (window as unknown as { __mesopCapture?: unknown }).__mesopCapture !== undefined);
  return panel;
}
