import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  HOOK_BODY_EVENT,
  HOOK_EVENT,
  RELAY_CONTROL_EVENT,
  type HookEnvelope,
  type HookMessage,
  type RelayControl,
} from '../../../src/extension/protocol';

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
 * the add-on's page hook hands to the content relay (the document events the relay listens to,
 * src/extension/protocol.ts: a body string, then the rest of its message). Puppeteer cannot open
 * Firefox's DevTools, and WebDriver BiDi refuses to navigate a tab to the add-on's own pages, so
 * this is where a test can read the capture. The hook sends only while a panel watches: the
 * reader says `watch` (on its first read of a page) as the relay does when a panel connects, and
 * the hook replays its backlog; later reads see what the hook sent since.
 */
export async function recordHookMessages(page: Page): Promise<() => Promise<HookMessage[]>> {
  await page.evaluateOnNewDocument(
    (bodyEvent: string, messageEvent: string) => {
      const log: { envelope: string; body?: string }[] = [];
      let body: string | undefined;
      (window as unknown as { __hookLog: typeof log }).__hookLog = log;
      document.addEventListener(bodyEvent, (e) => {
        const d = (e as CustomEvent<unknown>).detail;
        body = typeof d === 'string' ? d : undefined;
      });
      document.addEventListener(messageEvent, (e) => {
        const d = (e as CustomEvent<unknown>).detail;
        if (typeof d === 'string') log.push({ envelope: d, ...(body !== undefined ? { body } : {}) });
        body = undefined;
      });
    },
    HOOK_BODY_EVENT,
    HOOK_EVENT,
  );
  return async () => {
    const log = await page.evaluate((controlEvent: string) => {
      // Once per page: the hook replays its backlog on `watch`, then sends each new message.
      const w = window as unknown as { __hookWatched?: boolean };
      if (!w.__hookWatched) {
        w.__hookWatched = true;
        const watch: RelayControl = { kind: 'watch', watching: true };
        document.dispatchEvent(new CustomEvent(controlEvent, { detail: JSON.stringify(watch) }));
      }
      return (window as unknown as { __hookLog: { envelope: string; body?: string }[] }).__hookLog;
    }, RELAY_CONTROL_EVENT);
    return log.map(({ envelope, body }) => {
      const { message, body: field } = JSON.parse(envelope) as HookEnvelope;
      if (!field) return message;
      if (message.type === 'ws-frame') return { ...message, frame: { ...message.frame, data: body ?? '' } };
      return { ...message, [field]: body ?? '' } as HookMessage;
    });
  };
}
