import type { Page } from 'puppeteer-core';

/** Drives test/apps/chat.py: each message is 2 events (the input's blur, then the Send click). */
export const CHAT_APP = 'test/apps/chat.py';

export async function sendChat(page: Page, text: string): Promise<void> {
  await page.locator('input').fill(text);
  await page.locator('::-p-aria([name="Send"][role="button"])').click();
  await page.waitForFunction((t: string) => document.body.innerText.includes(`user: ${t}`), { timeout: 30_000 }, text);
}
