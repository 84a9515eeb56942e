/**
 * Dev mode where developers really open it, in a real browser: the built CLI `mesop-devtools dev
 * --allowed-host devbox.example.test` on the real pinned Mesop, and Chromium with the built
 * extension, whose resolver maps two non-local names to 127.0.0.1 (as a forwarded port or an
 * /etc/hosts entry would). What Chromium itself sends as Host decides: the allowed name and a
 * `*.localhost` name serve the app (a chat message goes through /__ui__), the other name gets
 * 403 without the secret; on `myapp.localhost` the extension's content scripts run, so the Mesop
 * tab finds the dev server and its backend switcher.
 * Run: node scripts/build.mjs && npx jest test/extension/dev-hosts.e2e
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHAT_APP, sendChat } from './support/chat-app';
import { EXTENSION_DIR, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';
import { DEV_CLI, startDevCli, type DevCli } from './support/dev-cli';
import { devMode } from './support/dev-mode-panel';

const ROOT = resolve(__dirname, '../..');
let dev: DevCli | undefined;
let session: Session | undefined;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'panel.js')) || !existsSync(DEV_CLI)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  const started = await Promise.allSettled([
    startDevCli(CHAT_APP, {}, ['--allowed-host', 'devbox.example.test']),
    launchWithExtension(EXTENSION_DIR, [
      '--host-resolver-rules=MAP devbox.example.test 127.0.0.1, MAP other.example.test 127.0.0.1',
    ]),
  ]);
  if (started[0].status === 'fulfilled') dev = started[0].value;
  if (started[1].status === 'fulfilled') session = started[1].value;
  const failed = started.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) throw failed.reason;
}, 120_000);

afterAll(async () => {
  await session?.close();
  expect(await dev?.stop()).toEqual([]);
});

const port = (): string => new URL(dev!.origin).port;

test.each(['devbox.example.test', 'myapp.localhost'])(
  'serves the app opened as http://%s:PORT (allowed), /__ui__ included',
  async (host) => {
    const { page } = session!;
    const response = await page.goto(`http://${host}:${port()}/`);
    expect(response?.status()).toBe(200);
    expect(await page.$eval('meta[name="mesop-devtools-dev"]', (m) => m.getAttribute('data-control'))).toBe(
      '/__mesop_devtools__/',
    );
    await page.waitForSelector('input', { timeout: 60_000 });
    await sendChat(page, `Hello from ${host}`);
  },
);

test('refuses a name that was not allowed with 403, without the secret', async () => {
  const { page } = session!;
  const response = await page.goto(`http://other.example.test:${port()}/`);
  expect(response?.status()).toBe(403);
  const body = await page.evaluate(() => document.body.innerText);
  expect(JSON.parse(body)).toMatchObject({ error: { code: 'bad-host' } });
  expect(await page.$('meta[name="mesop-devtools-dev"]')).toBeNull();
});

test('on myapp.localhost the Mesop tab finds the dev server (content scripts and relay run there)', async () => {
  const { page } = session!;
  await page.goto(`http://myapp.localhost:${port()}/`);
  await page.waitForSelector('input', { timeout: 60_000 });
  const { dt, extId } = await openDevTools(session!);
  const panel = await showMesopPanel(dt, extId);
  await panel.waitForFunction(() => (window as any).__mesopDebug?.devMode?.presence === 'present', { timeout: 30_000 });
  expect((await devMode(panel)).state).toMatchObject({ backend: 'none', child: { status: 'running' } });
});
