// The bench project (copied to a temp dir by bench/playwright-fixture.mjs, which sets the env).
import { defineConfig } from '@playwright/test';

const port = Number(process.env.CHAT_PORT);
export default defineConfig({
  testDir: '.',
  workers: 1,
  reporter: [['json', { outputFile: 'results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    mesopBudgets: true,
    launchOptions: { executablePath: process.env.CHROMIUM },
  } as Record<string, unknown>,
  webServer: { command: `${process.env.MESOP} main.py --port ${port}`, url: `http://127.0.0.1:${port}/` },
});
