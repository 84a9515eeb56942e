import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { UserError, USER_ERRORS } from '../user-error';
import { loadPuppeteer } from './load-puppeteer';

export const CHROMIUM = '/usr/lib/chromium/chromium';

/**
 * Where the usual machines keep a Chrome or Chromium binary, in the order they are tried: Google
 * Chrome (GitHub's Ubuntu runners and most desktops have it), then Debian's and Ubuntu's Chromium.
 */
export const BROWSER_CANDIDATES = [
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

/** The options every browser-driving command takes: --chrome, with --chromium kept as its old name. */
export const BROWSER_OPTIONS = { chrome: { type: 'string' }, chromium: { type: 'string' } } as const;
export const BROWSER_USAGE = `  --chrome <path>      the browser (default: $CHROME_PATH, else the first of ${BROWSER_CANDIDATES.join(', ')});
                       --chromium is the same option`;

/**
 * The browser to drive: --chrome (or --chromium), else $CHROME_PATH / $PUPPETEER_EXECUTABLE_PATH,
 * else the first candidate that exists. Nothing found is a one-line user error naming what was tried.
 */
export function findBrowser(
  flags: { chrome?: string; chromium?: string },
  env: Record<string, string | undefined>,
): string {
  const given = flags.chrome ?? flags.chromium;
  const [wanted, from] = given
    ? [given, '--chrome']
    : env.CHROME_PATH
      ? [env.CHROME_PATH, 'CHROME_PATH']
      : [env.PUPPETEER_EXECUTABLE_PATH, 'PUPPETEER_EXECUTABLE_PATH'];
  if (wanted) {
    if (existsSync(wanted)) return wanted;
    throw new UserError(
      USER_ERRORS.BROWSER_MISSING,
      `no browser at ${wanted} (from ${from})`,
      'give the path of a Chrome or Chromium executable',
    );
  }
  const found = BROWSER_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new UserError(
    USER_ERRORS.BROWSER_MISSING,
    `no Chrome or Chromium found (tried ${BROWSER_CANDIDATES.join(', ')})`,
    'install Google Chrome or `apt-get install chromium`, or pass --chrome <path> / set CHROME_PATH',
  );
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

/** Headless Chromium with a throw-away profile (docs/browser-testing.md §2). */
export async function launchChromium(
  options: LaunchOptions = {},
): Promise<{ browser: Browser; close(): Promise<void> }> {
  // Loaded first: if puppeteer-core is missing, no profile directory is left behind.
  const puppeteer = await loadPuppeteer();
  const profile = mkdtempSync(join(tmpdir(), 'mesop-chromium-'));
  const allow = options.allowHosts ?? ['127.0.0.1'];
  let browser: Browser;
  try {
    browser = await puppeteer.default.launch({
      executablePath: options.executablePath ?? CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        `--host-resolver-rules=MAP * ~NOTFOUND, ${allow.map((h) => `EXCLUDE ${h}`).join(', ')}`,
        ...(options.extraArgs ?? []),
      ],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
