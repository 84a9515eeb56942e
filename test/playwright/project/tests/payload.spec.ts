import { test, expect } from 'mesop-devtools/playwright';

test('chat within budget', async ({ page, mesop }) => {
  await page.goto('/');
  await page.getByLabel('Message').fill('Hello from Playwright');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText("You said 'Hello from Playwright'")).toBeVisible();
  await expect(mesop).toUploadAtMost('100 kB');
  await expect(mesop.lastEvent).toHoldStateAtMost('10 kB');
  await expect(mesop).toHaveNoServerErrors();
  expect((await mesop.events()).length).toBeGreaterThanOrEqual(2);
});

test('chat over its state upload budget', async ({ page, mesop }) => {
  await page.goto('/');
  for (const text of ['first message', 'second message']) {
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText(`You said '${text}'`)).toBeVisible();
  }
  await expect(mesop.lastEvent).toUploadAtMost('300 B');
});

test('a handler that raises', async ({ page, mesop }) => {
  await page.goto(`http://127.0.0.1:${process.env.ERROR_PORT ?? 32124}/`);
  await page.getByRole('button', { name: 'Explode' }).click();
  await expect(mesop).toHaveNoServerErrors();
});
