// A user's Playwright Test project (copied to a temp dir by test/playwright/playwright-test.test.ts,
// which fills in MESOP, CHAT_PORT, ERROR_PORT and CHROMIUM through the environment).
import { defineConfig } from '@playwright/test';
import type { MesopBudgetsOption } from 'mesop-devtools/playwright';

const mesop = process.env.MESOP ?? 'mesop';
const chatPort = Number(process.env.CHAT_PORT ?? 32123);
const errorPort = Number(process.env.ERROR_PORT ?? 32124);

export default defineConfig<{ mesopBudgets: MesopBudgetsOption }>({
  testDir: 'tests',
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.RESULTS ?? 'results.json' }],
    ['mesop-devtools/playwright-reporter', { outputDir: process.env.PAYLOAD_DIR ?? 'payload' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${chatPort}`,
    mesopBudgets: true, // the budgets of mesop-devtools.config.json, after each test
    launchOptions: process.env.CHROMIUM ? { executablePath: process.env.CHROMIUM } : {},
  },
  webServer: [
    {
      command: `${mesop} main.py --port ${chatPort}`,
      url: `http://127.0.0.1:${chatPort}/`,
      reuseExistingServer: false,
    },
    {
      command: `${mesop} error_app.py --port ${errorPort}`,
      url: `http://127.0.0.1:${errorPort}/`,
      reuseExistingServer: false,
    },
  ],
});
