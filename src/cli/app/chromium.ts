import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const CHROMIUM = '/usr/lib/chromium/chromium';

/** Where Debian, Ubuntu and the usual CI images put a Chromium or Chrome binary, best first. */
export const CHROMIUM_CANDIDATES = [
  CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome',
];

/** The browser to drive: an explicit path, else $CHROME_PATH / $PUPPETEER_EXECUTABLE_PATH, else the first candidate found. */
export function findChromium(explicit: string | undefined, env: Record<string, string | undefined>): string | undefined {
  const wanted = explicit ?? env.CHROME_PATH ?? env.PUPPETEER_EXECUTABLE_PATH;
  if (wanted) return existsSync(wanted) ? wanted : undefined;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

export interface LaunchOptions {
  executablePath?: string;
  /**
   * Hosts that resolve normally; every other host fails at once (default: 127.0.0.1 only).
   * Mesop's index.html links Google Fonts: offline, this keeps the page from waiting on DNS, and in
   * CI it keeps third-party requests out of the measured run.
   */
  allowHosts?: string[];
  /** More command-line switches (the bench adds --js-flags=--expose-gc). */
  extraArgs?: string[];
}

/** Headless Chromium with a throw-away profile (browser-testing.md §2). */
export async function launchChromium(options: LaunchOptions = {}): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'mesop-chromium-'));
  const allow = options.allowHosts ?? ['127.0.0.1'];
  const browser = await puppeteer.launch({
    executablePath: options.executablePath ?? CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
      `--host-resolver-rules=MAP * ~NOTFOUND, ${allow.map((h) => `EXCLUDE ${h}`).join(', ')}`,
      ...(options.extraArgs ?? []),
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
