import type { Page } from 'puppeteer-core';

/** test/apps/huge.py, freshly loaded on `page`: clicks Grow and waits until the state holds `mb` MB. */
export async function growHugeState(page: Page, mb: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.body.innerText.includes('blob: 0 chars'));
  await page.locator('::-p-aria([name="Grow"][role="button"])').click();
  await page.waitForFunction(
    (chars: string) => document.body.innerText.includes(`blob: ${chars} chars`),
    { timeout },
    String(mb * 1_000_000),
  );
}
