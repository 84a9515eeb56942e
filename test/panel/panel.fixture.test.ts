/**
 * The panel on its fixture transport (no extension, no DevTools): recorded HARs replayed into the
 * real panel bundle in headless Chromium, and what it shows checked against the Python oracle.
 * Run: node scripts/build.mjs && npx jest test/panel/panel.fixture
 */
import type { PanelDebug } from '../../panel/debug-hook';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchFixturePanel, loadFixture, PANEL_DEV_DIR, ROOT, type FixturePanel } from './support/fixture-panel';
import { biggestField, expectedRows, fixtureOracle } from './support/oracle-values';
import {
  type ChartShot,
  biggestFields,
  chartChange,
  chartInk,
  chartWhen,
  eventCount,
  findings,
  selectEvent,
  settledChart,
  shownRows,
} from './support/panel-dom';

const MESOP_PAGE = {
  pageId: 'p1',
  url: 'http://localhost:32123/',
  isMesop: true,
  mode: 'editor',
  websocketsEnabled: false,
};
let fp: FixturePanel;
let page: Page;
const tmp = mkdtempSync(join(tmpdir(), 'mesop-panel-test-'));

beforeAll(async () => {
  if (!existsSync(join(PANEL_DEV_DIR, 'fixture.js')))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  fp = await launchFixturePanel();
});
afterAll(async () => {
  await fp?.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(async () => {
  page = await fp.open();
  page.on('pageerror', (e) => {
    throw e;
  });
});
afterEach(async () => {
  await page?.close();
});

describe.each(['chat', 'chat-memory', 'chat-websocket', 'image', 'kitchen'])('fixture %s', (name) => {
  test("every event listed with the oracle's sizes; chart drawn", async () => {
    const oracle = fixtureOracle(name);
    await loadFixture(page, name, oracle.events.length, MESOP_PAGE);
    expect(await eventCount(page)).toBe(oracle.events.length);
    const rows = await shownRows(page);
    expect(rows.map(({ up, down, upState, held }) => ({ up, down, upState, held }))).toEqual(expectedRows(oracle));
    await page.waitForFunction(() => document.querySelector('#payload-chart') !== null);
    expect(await chartInk(page)).toBeGreaterThan(1000);
  });
});

test("chat: the biggest field is named with the oracle's bytes, the diff and the growth show history", async () => {
  const oracle = fixtureOracle('chat');
  const last = oracle.events.length - 1;
  await loadFixture(page, 'chat', oracle.events.length, MESOP_PAGE);
  await selectEvent(page, last);
  await page.waitForSelector('.detail .tree');
  const fields = await biggestFields(page);
  const truth = oracle.events[last]!.mirror.fieldBytes[0]!;
  expect(fields[0]!.path).toBe('history[*].content');
  for (const f of fields) expect(f.bytes).toBe(truth[f.path]);
  // Diff against the previous event: history grew by what the oracle says.
  const delta = truth.history! - oracle.events[last - 1]!.mirror.fieldBytes[0]!.history!;
  expect(await page.$eval('.diff tr[data-path="history"]', (tr) => Number((tr as HTMLElement).dataset.delta))).toBe(
    delta,
  );
  await page.click('#tab-growth');
  expect(
    await page.$$eval('.growth tr[data-path]', (trs) => trs.map((t) => (t as HTMLElement).dataset.path)),
  ).toContain('history');
  // The state tree, opened down to a picked field.
  await page.click('#tab-event');
  await page.click('.biggest tr[data-path="draft"] button.path');
  await page.waitForSelector('.tree-row.highlight[data-path="draft"]');
  expect(await page.$eval('#mode', (el) => el.textContent)).toBe('Mesop · dev (editor) · SSE');
});

describe.each([
  ['in the chart worker', false],
  ['on the main thread where a canvas cannot go to a worker', true],
] as const)('chart %s', (_label, inline) => {
  test('hovering a bar shows its tooltip, a click on it selects its event, a legend click hides a series', async () => {
    if (inline) {
      await page.evaluateOnNewDocument(() => {
        delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).transferControlToOffscreen;
      });
      await page.reload();
      await page.waitForFunction(() => window.__fixture !== undefined);
    }
    const oracle = fixtureOracle('chat');
    await loadFixture(page, 'chat', oracle.events.length, MESOP_PAGE);
    // Which side draws: a canvas handed to the worker has no context on the main thread.
    const context = await page.$eval('#payload-chart', (c) => {
      try {
        return (c as HTMLCanvasElement).getContext('2d') !== null;
      } catch {
        return false;
      }
    });
    expect(context).toBe(inline);
    // The tallest bar is the event with the most bytes in one direction: a bar's parts add up to them.
    const rows = await shownRows(page);
    const most = (r: { up: number; down: number }) => Math.max(r.up, r.down);
    const tallest = rows.reduce((a, b) => (most(b) > most(a) ? b : a));
    expect(rows.filter((r) => most(r) === most(tallest))).toHaveLength(1);
    const before = await settledChart(page);
    const top = Math.min(...before.tops.filter((y) => y >= 0));
    const x = before.tops.indexOf(top);
    const box = (await (await page.$('#payload-chart'))!.boundingBox())!;
    const at = { x: box.x + x, y: box.y + top + 3 };
    const away = { x: box.x + box.width / 2, y: box.y + box.height + 40 };

    // The tooltip (a box with a title and six lines) covers thousands of pixels.
    const tooltip = async (shot: ChartShot) => (await chartChange(page, before, shot)) > 3000;
    await page.mouse.move(at.x, at.y);
    expect(await tooltip(await chartWhen(page, tooltip))).toBe(true);
    // The pointer leaves the chart: the tooltip goes, the chart is as before.
    await page.mouse.move(away.x, away.y);
    expect(
      await chartChange(page, before, await chartWhen(page, async (s) => (await chartChange(page, before, s)) === 0)),
    ).toBe(0);

    await page.mouse.click(at.x, at.y);
    await page.waitForSelector(`.detail[data-event="${tallest.index}"]`);
    expect(await page.evaluate(() => (window as unknown as { __mesopDebug?: PanelDebug }).__mesopDebug?.selected)).toBe(
      tallest.index,
    );

    // Hide the series with the most pixels (before the selection faded the others) from its legend
    // box: its bars go, its legend box (10x10) stays.
    const k = before.colors.reduce((best, c, i) => (c.pixels > before.colors[best]!.pixels ? i : best), 0);
    const legend = before.colors[k]!.legend!;
    expect(before.colors[k]!.pixels).toBeGreaterThan(1000);
    await page.mouse.click(box.x + legend.x, box.y + legend.y);
    await page.mouse.move(away.x, away.y);
    const hidden = await chartWhen(page, (s) => s.colors[k]!.pixels <= 100);
    expect(hidden.colors[k]!.pixels).toBeLessThanOrEqual(100);
  });
});

test('image: the blob is named, the recommendation says what to do and its evidence selects the event and field', async () => {
  const oracle = fixtureOracle('image');
  await loadFixture(page, 'image', oracle.events.length, MESOP_PAGE);
  const [path, bytes] = biggestField(oracle)!;
  await page.click('#tab-advice');
  const found = await findings(page);
  expect(found.length).toBeGreaterThan(0);
  expect(found.map((f) => f.level)).toEqual(
    [...found.map((f) => f.level)].sort(
      (a, b) => ['error', 'warn', 'info'].indexOf(a) - ['error', 'warn', 'info'].indexOf(b),
    ),
  );
  const blob = found.find((f) => f.rule === 'blob-in-state')!;
  expect(blob.text).toContain('image_data_url');
  expect(found.some((f) => /MESOP_STATE_SESSION_BACKEND=/.test(f.text))).toBe(true);
  // The advice's inline code (Markdown backticks in the finding) is shown as code, not as backticks.
  expect(blob.text).not.toContain('`');
  expect(
    await page.$$eval('.finding[data-rule="blob-in-state"] .advice code', (cs) => cs.map((c) => c.textContent)),
  ).toContain('image_data_url');
  expect(
    await page.$$eval('.finding[data-rule="blob-in-state"] .finding-head code', (cs) => cs.map((c) => c.textContent)),
  ).toEqual(['image_data_url']);
  await page.click('.finding[data-rule="blob-in-state"] .chip.field');
  await page.waitForSelector('.detail .biggest tr.highlight');
  const fields = await biggestFields(page);
  expect(fields[0]).toMatchObject({ path, bytes });
  expect(fields[0]!.blob).toMatch(/^PNG image, 1\.1 MB/);
});

test('sort, filter and keyboard navigation', async () => {
  const oracle = fixtureOracle('chat');
  await loadFixture(page, 'chat', oracle.events.length, MESOP_PAGE);
  await page.click('th:nth-child(5) .sort'); // "up", descending first
  const ups = (await shownRows(page)).map((r) => r.up);
  expect(ups).toEqual([...ups].sort((a, b) => b - a));
  await page.select('#filter-kind', 'click');
  expect((await shownRows(page)).length).toBe(oracle.events.filter((e) => e.kind === 'click').length);
  await page.select('#filter-kind', '');
  await page.click('th:nth-child(1) .sort');
  await page.focus('.event-list');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('.detail[data-event="2"]');
  await page.keyboard.press('End');
  await page.waitForSelector(`.detail[data-event="${oracle.events.length - 1}"]`);
});

test('thresholds are adjustable, change the findings, and are remembered', async () => {
  await loadFixture(page, 'chat', 15, MESOP_PAGE);
  await page.click('#tab-advice');
  expect((await findings(page)).some((f) => f.rule === 'state-upload' && f.level === 'error')).toBe(false);
  await page.click('.thresholds summary');
  const set = async (name: string, value: string) => {
    await page.$eval(
      `input[name="${name}"]`,
      (el, v) => {
        (el as HTMLInputElement).value = v as string;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );
  };
  await set('stateUploadWarn', '500 B');
  await set('stateUploadError', '1 kB');
  await page.waitForFunction(
    () => document.querySelector('.finding[data-rule="state-upload"]')?.getAttribute('data-level') === 'error',
  );
  await page.reload();
  await loadFixture(page, 'chat', 15, MESOP_PAGE);
  await page.click('#tab-advice');
  await page.waitForSelector('.finding[data-rule="state-upload"][data-level="error"]');
  await page.click('.thresholds summary');
  await page.click('.thresholds button');
  await page.waitForFunction(() => !document.querySelector('.finding[data-rule="state-upload"][data-level="error"]'));
});

test('export JSON (redacted unless asked), Markdown and HTML; import the JSON report and a HAR back', async () => {
  const oracle = fixtureOracle('chat');
  await loadFixture(page, 'chat', 15, MESOP_PAGE);
  const exported = async (id: string) => {
    await page.evaluate(() => {
      const d = (window as unknown as { __mesopDebug?: PanelDebug }).__mesopDebug;
      if (d) delete d.lastExport;
    });
    await page.click(id);
    await page.waitForFunction(
      () => (window as unknown as { __mesopDebug?: PanelDebug }).__mesopDebug?.lastExport !== undefined,
    );
    return page.evaluate(() => (window as unknown as { __mesopDebug?: PanelDebug }).__mesopDebug!.lastExport!);
  };
  const json = await exported('#export-json');
  expect(json.name).toMatch(/^mesop-payload-.*\.json$/);
  const report = JSON.parse(json.text);
  expect(report).toMatchObject({
    schema: 'mesop-devtools/payload-report',
    version: 1,
    session: { events: 15, backend: 'none' },
  });
  expect(report.events.map((e: { request: { bytes: number } }) => e.request.bytes)).toEqual(
    oracle.events.map((e) => e.request.wireBytes),
  );
  expect(report.findings.length).toBeGreaterThan(0);
  expect(report.stateValues).toBeUndefined();
  expect(json.text).not.toMatch(/canned answer|Hello there|cookie/i);
  await page.click('#include-values');
  const withValues = JSON.parse((await exported('#export-json')).text);
  expect(withValues.stateValues[0]).toContain('canned answer');
  expect((await exported('#export-md')).text).toContain('|');
  expect((await exported('#export-html')).text).toMatch(/^<!doctype html>/i);

  // Import the exported report (offline view), then a HAR.
  const file = join(tmp, 'report.json');
  writeFileSync(file, json.text);
  const input = await page.$('#import-file');
  await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(file);
  await page.waitForSelector('.banner b');
  expect(await page.$eval('.banner b', (b) => b.textContent)).toBe('report.json');
  expect(await eventCount(page)).toBe(15);
  await selectEvent(page, 14);
  expect((await biggestFields(page))[0]!.path).toBe('history[*].content');
  await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(
    join(ROOT, 'test/fixtures/image.har'),
  );
  await page.waitForFunction(
    () =>
      document.querySelector('.banner b')?.textContent === 'image.har' &&
      document.querySelector('#event-count')?.textContent === '3',
  );
  await page.click('.banner button');
  await page.waitForFunction(
    () => !document.querySelector('.banner') && document.querySelector('#event-count')?.textContent === '15',
  );
});

test('empty states: not a Mesop page, waiting; clear and pause', async () => {
  await page.evaluate(() =>
    window.__fixture!.setPage({ pageId: 'x', url: 'https://example.com/', isMesop: false, mode: 'unknown' }),
  );
  await page.waitForSelector('#empty-state[data-reason="not-mesop"]');
  expect(await page.$eval('#empty-state', (e) => e.textContent)).toContain('https://example.com/');
  await loadFixture(page, 'chat', 15, MESOP_PAGE);
  await page.click('#record'); // pause
  await page.evaluate(() =>
    window.__fixture!.add({
      id: 'late',
      transport: 'sse',
      url: 'http://localhost:32123/__ui__',
      startedAt: Date.now(),
      requestBody: null,
      responseText: null,
    }),
  );
  await page.click('#record'); // resume
  // The marker that 'late' has been through: 'cut', added after it, with an upload (the chat's last
  // request) where 'late' has none. Once 'cut' is listed, 'late' would be too, had the pause let it in.
  const upload = await page.evaluate(async () => {
    const har = JSON.parse(await (await fetch('/fixtures/chat.har')).text()) as {
      log: { entries: { request: { url: string; postData?: { text: string } } }[] };
    };
    return har.log.entries.filter((e) => e.request.url.endsWith('/__ui__')).at(-1)!.request.postData!.text;
  });
  await page.evaluate(
    (body: string) =>
      window.__fixture!.add({
        id: 'cut',
        transport: 'sse',
        url: 'http://localhost:32123/__ui__',
        startedAt: Date.now(),
        requestBody: body,
        responseText: null,
      }),
    upload,
  );
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('#event-rows tr[data-index]')].some(
      (tr) => Number(tr.dataset.index) >= 15 && Number(tr.dataset.up) > 0,
    ),
  );
  expect(await eventCount(page)).toBe(16);
  const problem = (await shownRows(page))[15]!;
  expect(problem.up).toBe(upload.length);
  expect(problem.problem).toBe(true);
  expect(problem.notes).toMatch(/response body not captured/);
  await page.click('#clear');
  await page.waitForSelector('#empty-state[data-reason="waiting"]');
});

test('dark theme follows DevTools', async () => {
  const dark = await fp.open('?theme=dark');
  await loadFixture(dark, 'chat', 15, MESOP_PAGE);
  expect(await dark.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(32, 33, 36)');
  await dark.close();
});

test('3000 events stay smooth: windowed list and chart', async () => {
  await loadFixture(page, 'chat', 15, MESOP_PAGE);
  const t0 = Date.now();
  await page.evaluate(async () => {
    const text = await (await fetch('/fixtures/chat.har')).text();
    const har = JSON.parse(text);
    const ui = har.log.entries.filter((e: { request: { url: string } }) => e.request.url.endsWith('/__ui__'));
    const entries = [];
    for (let i = 0; i < 200; i++) {
      for (const e of ui)
        entries.push({ ...e, startedDateTime: new Date(Date.parse(e.startedDateTime) + i * 60_000).toISOString() });
    }
    window.__fixture!.loadHar({ log: { entries } });
  });
  await page.waitForFunction(() => document.querySelector('#event-count')?.textContent === '3000', { timeout: 60_000 });
  const ms = Date.now() - t0;
  expect((await shownRows(page)).length).toBeLessThan(150);
  expect(await page.$('.chart-foot input[type="range"]')).not.toBeNull();
  // The main thread stays responsive: selecting the last row answers quickly.
  await page.focus('.event-list');
  const t1 = Date.now();
  await page.keyboard.press('End');
  await page.waitForSelector('.detail[data-event="2999"]');
  const selectMs = Date.now() - t1;
  console.log(`3000 events analysed and shown in ${ms} ms; End key -> detail in ${selectMs} ms`);
  expect(selectMs).toBeLessThan(2000);
});

test("an app's own API under /__ui__ is skipped with a visible note, not measured", async () => {
  await loadFixture(page, 'chat', 15, MESOP_PAGE);
  await page.evaluate(() =>
    window.__fixture!.add({
      id: 'api',
      transport: 'sse',
      url: 'http://localhost:32123/api/__ui__?key=secret',
      startedAt: Date.now(),
      requestBody: '{"q": "hello"}',
      responseText: '{"ok": true}',
      status: 200,
    }),
  );
  await page.waitForSelector('#skipped-notice[data-skipped="1"]');
  expect(await eventCount(page)).toBe(15);
  expect(await page.$eval('#skipped-notice', (e) => e.textContent)).toBe('1 non-Mesop request under /__ui__ skipped');
  expect(await page.$eval('#skipped-notice', (e) => e.getAttribute('title'))).toMatch(
    /^http:\/\/localhost:32123\/api\/__ui__: not Mesop traffic: request body is not base64/,
  );
});
