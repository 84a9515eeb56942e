// The chat flow twice in one file, so `--repeat-each` runs them alternately (plain, fixture, plain,
// ...) and a load change on the machine hits both: Playwright's own `test`, then the same steps with
// the mesop fixture and a payload matcher (capture, analysis, report attachments, config budgets).
import { test as plain, expect as plainExpect, type Page } from '@playwright/test';
import { test as withMesop, expect } from 'mesop-devtools/playwright';

async function chat(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Message').fill('Hello from the bench');
  await page.getByRole('button', { name: 'Send' }).click();
  await plainExpect(page.getByText("You said 'Hello from the bench'")).toBeVisible();
}

plain('chat, plain Playwright', async ({ page }) => {
  await chat(page);
});

withMesop('chat, with the mesop fixture', async ({ page, mesop }) => {
  await chat(page);
  await expect(mesop).toUploadAtMost('100 kB');
});
