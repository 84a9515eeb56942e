/**
 * The panel follows a DevTools theme switch while it is open (chrome.devtools.panels
 * .setThemeChangeHandler): real Chromium, the built extension, DevTools' own theme setting
 * changed as the Settings > Appearance menu changes it. No Mesop app is needed: the panel shows
 * its empty state on about:blank, under the same theme.
 * Run: node scripts/build.mjs && npx jest test/extension/theme.e2e
 */
import type { Frame, Page } from 'puppeteer-core';
import { builtExtension, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';

const EXT = builtExtension();
let session: Session | undefined;

afterAll(async () => {
  await session?.close();
});

/** DevTools' "Theme" setting (Settings > Preferences > Appearance): 'default' is light. */
async function setDevToolsTheme(dt: Page, theme: 'dark' | 'default'): Promise<void> {
  await dt.evaluate(
    `import('./core/common/common.js').then((C) => C.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme)}))`,
  );
}

const panelTheme = (panel: Frame): Promise<string | undefined> =>
  panel.evaluate(() => document.documentElement.dataset.theme);

test('the open panel switches to dark and back with DevTools', async () => {
  session = await launchWithExtension(EXT);
  const { dt, extId } = await openDevTools(session);
  const panel = await showMesopPanel(dt, extId);
  await panel.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
  expect(await panelTheme(panel)).toBe('light');
  // The panel's colours come from its CSS variables under <html data-theme>.
  const background = (): Promise<string> => panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBackground = await background();

  await setDevToolsTheme(dt, 'dark');
  await panel.waitForFunction(() => document.documentElement.dataset.theme === 'dark', { timeout: 10_000 });
  expect(await background()).not.toBe(lightBackground);

  await setDevToolsTheme(dt, 'default');
  await panel.waitForFunction(() => document.documentElement.dataset.theme === 'light', { timeout: 10_000 });
  expect(await background()).toBe(lightBackground);
});
