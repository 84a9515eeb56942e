// The same chat flow with the mesop fixture and a payload matcher (capture, analysis, report, budgets).
import { test, expect } from 'mesop-devtools/playwright';

test('chat, with the mesop fixture', async ({ page, mesop }) => {
  await page.goto('/');
  await page.getByLabel('Message').fill('Hello from the bench');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText("You said 'Hello from the bench'")).toBeVisible();
  await expect(mesop).toUploadAtMost('100 kB');
});
