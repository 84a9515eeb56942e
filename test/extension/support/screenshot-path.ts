import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DOCS = resolve(__dirname, '../../../docs');

/**
 * Where an e2e test writes its screenshot: docs/<name> (tracked, shown in the docs) only under
 * `npm run screenshots` (MESOP_SCREENSHOTS=1); otherwise a temporary directory the caller removes,
 * so `npm test` still takes the screenshot but leaves `git status` clean.
 */
export function screenshotPath(name: string, tmp: string): string {
  return process.env.MESOP_SCREENSHOTS === '1' ? join(DOCS, name) : join(tmp, name);
}

/** A temporary directory for a test file's screenshot (remove it in afterAll). */
export const screenshotTmp = (): string => mkdtempSync(join(tmpdir(), 'mesop-screenshot-'));
