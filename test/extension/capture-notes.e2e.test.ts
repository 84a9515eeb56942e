/**
 * A capture note belongs to its exchange, not to a position in a list. Real Chromium, the built
 * extension, a real Mesop 1.3.7 server (test/apps/spike_capture.py): the page makes its own call
 * under /__ui__ (a JSON POST, which the analysis skips), then a Mesop event whose
 * response lost its `<stream_end>` on the way (the server's real answer, cut by request
 * interception, as a dropped connection would cut it). The list and the exports must show the
 * note on that event, the app's call as a skipped exchange with its reason, and nothing on the
 * events before. (Before the one capture log, notes were joined to events by array index, and the
 * app's call, which the analysis skips, moved them onto the wrong event.)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import type { PayloadReport } from '../../src/core/report/report-types';
import { openDevTools, showMesopPanel, type Session } from './support/chromium';
import { mesopWithExtension } from './support/mesop-with-extension';
import { runEvents, SPIKE_APP, waitForApp } from './support/spike-app';

const start = mesopWithExtension();
const tmp = mkdtempSync(join(tmpdir(), 'mesop-notes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The next Mesop POST to /__ui__ gets the server's real answer without its `<stream_end>` (CDP's Fetch domain). */
async function cutNextResponse(page: Page, origin: string): Promise<{ cut: Promise<void> }> {
  const cdp = await page.createCDPSession();
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/__ui__', requestStage: 'Request' }] });
  const cut = new Promise<void>((done, fail) => {
    cdp.on('Fetch.requestPaused', (e) => {
      void (async () => {
        if (e.request.method !== 'POST') {
          await cdp.send('Fetch.continueRequest', { requestId: e.requestId });
          return;
        }
        const headers = Object.fromEntries(
          Object.entries(e.request.headers).filter(([k]) =>
            ['content-type', 'origin', 'referer'].includes(k.toLowerCase()),
          ),
        );
        const real = await (
          await fetch(`${origin}/__ui__`, { method: 'POST', headers, body: e.request.postData ?? '' })
        ).text();
        const body = real
          .split('\n\n')
          .filter((block) => block.trim() !== '' && block.trim() !== 'data: <stream_end>')
          .map((b) => `${b}\n\n`)
          .join('');
        if (body.length >= real.length) throw new Error('the server sent no <stream_end> to cut');
        await cdp.send('Fetch.fulfillRequest', {
          requestId: e.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'Content-Type', value: 'text/event-stream' }],
          body: Buffer.from(body).toString('base64'),
        });
        await cdp.send('Fetch.disable');
        await cdp.detach();
        done();
      })().catch(fail);
    });
  });
  return { cut };
}

/** Clicks an export button and reads the file Chromium downloaded. */
async function exported(session: Session, panel: Frame, button: string, ext: string): Promise<string> {
  const dir = mkdtempSync(join(tmp, 'dl-'));
  const cdp = await session.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
  const done = new Promise<void>((res) =>
    cdp.on('Browser.downloadProgress', (e) => {
      if (e.state === 'completed') res();
    }),
  );
  await panel.click(button);
  await done;
  await cdp.detach();
  const files = readdirSync(dir).filter((f) => f.endsWith(ext));
  expect(files).toHaveLength(1);
  return readFileSync(join(dir, files[0]!), 'utf8');
}

test('the note of a cut response shows on its own event, in the list and in the exports', async () => {
  const { server, session } = await start(SPIKE_APP, { websockets: false });
  const { dt, extId } = await openDevTools(session);
  const panel = await showMesopPanel(dt, extId);
  const { page } = session;
  await page.goto(server.origin + '/');
  await waitForApp(page);
  await runEvents(page, 1); // event 1: Increment, whole

  // The app's own API under /__ui__: a JSON POST by XHR, as an app's script would send it.
  expect(
    await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open('POST', '/api/__ui__?token=secret');
          xhr.setRequestHeader('content-type', 'application/json');
          xhr.onloadend = () => resolve(xhr.status);
          xhr.send('{"q":"hello"}');
        }),
    ),
  ).toBeGreaterThan(0);
  // Event 2: Increment again, its response cut before <stream_end> (its render still arrives).
  const { cut } = await cutNextResponse(page, server.origin);
  await runEvents(page, 1);
  await cut;

  // The list: init, Increment, Increment; only the last says its response was cut.
  await panel.waitForFunction(
    () =>
      document.querySelectorAll('#event-rows tr[data-index]').length === 3 &&
      document.querySelector('#event-rows tr[data-index="2"].problem') !== null,
    { timeout: 30_000, polling: 100 },
  );
  const rows = await panel.$$eval('#event-rows tr[data-index]', (trs) =>
    trs.map((tr) => ({
      index: Number((tr as HTMLElement).dataset.index),
      exchangeId: (tr as HTMLElement).dataset.exchangeId,
      problem: tr.classList.contains('problem'),
      notes: tr.querySelector('.notes')?.textContent ?? '',
    })),
  );
  expect(rows.map((r) => r.problem)).toEqual([false, false, true]);
  expect(rows[2]!.notes).toMatch(/no <stream_end> \(hook/);
  expect(rows.slice(0, 2).every((r) => r.notes === '')).toBe(true);
  // Numbered once by the capture log, in order: the app's call took number 3 (it is in the log, skipped).
  expect(rows.map((r) => r.exchangeId)).toEqual(['1', '2', '4']);

  const report = JSON.parse(await exported(session, panel, '#export-json', '.json')) as PayloadReport;
  expect(report.events.map((e) => e.exchangeId)).toEqual(rows.map((r) => r.exchangeId));
  expect(report.events[2]!.problems.join('; ')).toMatch(/no <stream_end> \(hook/);
  expect(report.events.slice(0, 2).map((e) => e.problems)).toEqual([[], []]);
  expect(report.skipped).toEqual([
    { url: `${server.origin}/api/__ui__`, reason: expect.stringMatching(/^not Mesop traffic/) },
  ]);
  const markdown = await exported(session, panel, '#export-md', '.md');
  // The Markdown's capture problems table: the event's row (#2) carries the note.
  expect(markdown).toMatch(/\| #2 [^|\n]*\| response cut after 2 message\(s\)/);
  expect(await exported(session, panel, '#export-html', '.html')).toContain('response cut after 2 message(s)');
});
