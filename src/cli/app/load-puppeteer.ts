import type * as Puppeteer from 'puppeteer-core';

/**
 * puppeteer-core, loaded at the point of use: only the commands that drive a browser pay its
 * start-up cost, and `analyze`, `--help` and `--version` run even where it is missing. A missing
 * module surfaces as MODULE_NOT_FOUND, which bin.ts turns into one line and exit 3.
 * `require`, not `import()`: the CLI is CommonJS, and jest's VM has no dynamic import.
 */
export async function loadPuppeteer(): Promise<typeof Puppeteer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  return require('puppeteer-core') as typeof Puppeteer;
}
