/**
 * The Firefox edition (scripts/firefox-edition.mjs, written by every build): the same files as the
 * Chrome extension with Firefox's manifest, and Mozilla's own linter (web-ext lint, the checks
 * addons.mozilla.org runs on a submission) finds no error and no warning in it.
 * Run: node scripts/build.mjs && npx jest test/extension/firefox-edition
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CHROME = join(ROOT, 'dist/extension');
const FIREFOX = join(ROOT, 'dist/extension-firefox');

beforeAll(() => {
  if (!existsSync(join(FIREFOX, 'manifest.json')))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
});

const read = (dir: string, rel: string) => readFileSync(join(dir, rel));
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? d.path, d.name).slice(dir.length + 1))
    .sort();

it('ships the same files as the Chrome edition, byte for byte, but the manifest', () => {
  expect(files(FIREFOX)).toEqual(files(CHROME));
  for (const f of files(CHROME))
    if (f !== 'manifest.json') expect([f, read(FIREFOX, f).equals(read(CHROME, f))]).toEqual([f, true]);
});

it("has Firefox's manifest: background scripts, a gecko id, the first version with main-world content scripts", () => {
  const chrome = JSON.parse(read(CHROME, 'manifest.json').toString());
  const firefox = JSON.parse(read(FIREFOX, 'manifest.json').toString());
  expect(firefox.background).toEqual({ scripts: [chrome.background.service_worker] });
  expect(firefox.minimum_chrome_version).toBeUndefined();
  expect(firefox.browser_specific_settings).toEqual({
    gecko: {
      id: 'mesop-devtools@mesop-devtools',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    },
    gecko_android: { strict_min_version: '142.0' },
  });
  expect(firefox.description).toBe(chrome.description.replace('Chrome DevTools', 'Firefox DevTools'));
  expect(firefox.description).toMatch(/^A Mesop tab in Firefox DevTools/);
  // Everything else is Chrome's: the same permissions (none), pages, CSP and content scripts.
  const { background: _b, minimum_chrome_version: _m, description: _d, ...chromeRest } = chrome;
  const { background: _fb, browser_specific_settings: _s, description: _fd, ...firefoxRest } = firefox;
  expect(firefoxRest).toEqual(chromeRest);
  expect(firefox.content_scripts.map((s: { world?: string }) => s.world ?? 'ISOLATED')).toEqual(['MAIN', 'ISOLATED']);
});

/**
 * The one warning allowed: Preact's renderer (in panel.js) implements `dangerouslySetInnerHTML`
 * with an innerHTML assignment. The panel never uses that prop, nor innerHTML (checked below), so
 * that line never runs with our data.
 */
const PREACT_INNER_HTML = 'UNSAFE_VAR_ASSIGNMENT in panel.js';
/**
 * The Recorder plugin (panel/transport/extension/recorder-plugin.ts) reads `chrome.devtools.recorder`,
 * which Firefox does not have: the read is feature-detected, so in Firefox nothing is registered.
 * The linter names the API all the same; this one warning is expected.
 */
const RECORDER_API = 'UNSUPPORTED_API in panel.js: devtools.recorder is not supported';

it("the panel sets no innerHTML, so Preact's innerHTML path never runs", () => {
  const sources = execFileSync('git', ['ls-files', 'panel', 'src/extension'], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f));
  expect(sources.length).toBeGreaterThan(10);
  for (const f of sources)
    expect([
      f,
      /dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=|insertAdjacentHTML/.test(readFileSync(join(ROOT, f), 'utf8')),
    ]).toEqual([f, false]);
});

it("passes web-ext lint (Mozilla's add-on linter) with no error and no warning but Preact's innerHTML", () => {
  const r = spawnSync(
    join(ROOT, 'node_modules/.bin/web-ext'),
    ['lint', '--source-dir', FIREFOX, '--output', 'json', '--no-config-discovery'],
    { encoding: 'utf8' },
  );
  type Finding = { code: string; message: string; file?: string };
  const report = JSON.parse(r.stdout) as { errors: Finding[]; warnings: Finding[] };
  const brief = (xs: Finding[]) => xs.map((x) => `${x.code} in ${x.file}: ${x.message}`);
  expect(brief(report.errors)).toEqual([]);
  expect(brief(report.warnings).filter((w) => !w.startsWith(PREACT_INNER_HTML) && w !== RECORDER_API)).toEqual([]);
  expect(r.status).toBe(0);
});
