import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { HOOK_EVENT, type HookMessage } from '../../../src/extension/protocol';

/** The Firefox edition (scripts/firefox-edition.mjs) and Debian's Firefox ESR (scripts/bootstrap.mjs). */
export const FIREFOX_EXTENSION_DIR = resolve(__dirname, '../../../dist/extension-firefox');
export const FIREFOX = '/usr/bin/firefox-esr';
const GECKO_ID = 'mesop-devtools@mesop-devtools';

export interface FirefoxSession {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * Firefox ESR driven by puppeteer-core over WebDriver BiDi, with the add-on installed as a
 * temporary extension (as about:debugging's "Load Temporary Add-on" does).
 */
export async function launchFirefoxWithExtension(extDir = FIREFOX_EXTENSION_DIR): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const id = await browser.installExtension(extDir);
    if (id !== GECKO_ID) throw new Error(`Firefox installed the add-on as ${id}, not ${GECKO_ID}`);
  } catch (e) {
    await browser.close().catch(() => undefined);
    throw e;
  }
  const [page] = await browser.pages();
  return { browser, page: page!, close: () => browser.close().catch(() => undefined) };
}

/**
 * A test-only listener in the page's main world, from document start, that keeps every message
 * the add-on's page hook hands to the content relay (the document event the relay listens to,
 * src/extension/protocol.ts). Puppeteer cannot open Firefox's DevTools, and WebDriver BiDi refuses
 * to navigate a tab to the add-on's own pages, so this is where a test can read the capture.
 */
export async function recordHookMessages(page: Page): Promise<() => Promise<HookMessage[]>> {
  await page.evaluateOnNewDocument((eventName: string) => {
    const log: string[] = [];
    (window as unknown as { __hookLog: string[] }).__hookLog = log;
    document.addEventListener(eventName, (e) => {
      const d = (e as CustomEvent<unknown>).detail;
      if (typeof d === 'string') log.push(d);
    });
  }, HOOK_EVENT);
  return async () =>
    (await page.evaluate(() => (window as unknown as { __hookLog: string[] }).__hookLog)).map(
      (d) => JSON.parse(d) as HookMessage,
    );
}
