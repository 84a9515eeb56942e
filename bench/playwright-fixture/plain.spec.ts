// The chat flow with Playwright's own `test`: the baseline of bench/playwright-fixture.mjs.
import { test, expect } from '@playwright/test';

test('chat, plain Playwright', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Message').fill('Hello from the bench');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText("You said 'Hello from the bench'")).toBeVisible();
});
