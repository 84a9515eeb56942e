/**
 * Huge inputs in the real panel (issue 7): a real Mesop app whose state grows to 100 MB. Chrome
 * carries no extension message over 64 MiB, so the 133 MB response cannot reach the panel: the
 * panel must stay up, show its row with the size the page measured, and say why it has no more.
 * (Before this test the event vanished: the relay's message failed silently and the row stayed
 * pending for ever.) About 45 s.
 * Run: node scripts/build.mjs && npx jest test/extension/huge-state.e2e
 */
import { shownRows, type ShownRow } from '../panel/support/panel-dom';
import { openDevTools, showMesopPanel } from './support/chromium';
import { mesopWithExtension } from './support/mesop-with-extension';

const start = mesopWithExtension();

test('a 100 MB state: the panel stays up and says what happened', async () => {
  const { server, session } = await start('test/apps/huge.py', { env: { HUGE_STATE_MB: '100' } });
  const { dt, extId } = await openDevTools(session);
  const panel = await showMesopPanel(dt, extId);
  const page = session.page;
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => document.body.innerText.includes('blob: 0 chars'));
  await page.locator('::-p-aria([name="Grow"][role="button"])').click();
  await page.waitForFunction(() => document.body.innerText.includes('blob: 100000000 chars'), { timeout: 120_000 });
  // The 133 MB response is over what one extension message carries: a row with its size and why.
  await panel.waitForFunction(() => document.querySelector('#event-count')?.textContent === '2', { timeout: 150_000 })
    .catch(async (e) => {
      // What the panel holds, to tell a slow machine from a lost event.
      console.log(await panel.evaluate(() => `${document.querySelector('#status')?.textContent} | ${JSON.stringify((window as any).__mesopCapture.rows.map((r: any) => [r.exchange.id, r.pending, r.complete, r.sources, r.problems]))}`));
      throw e;
    });
  const rows = await shownRows(panel);
  expect(rows).toHaveLength(2);
  const [init, grow] = rows as [ShownRow, ShownRow];
  expect(init.problem).toBe(false);
  // Exact: Mesop's response is `data: <base64 of the UiResponse>` framing, whose length the page
  // measured; the state inside is 100,000,000 x's plus its JSON, hence a bit over 4/3 of that.
  expect(grow.down).toBeGreaterThan((4 / 3) * 100_000_000);
  expect(grow.down).toBeLessThan((4 / 3) * 100_000_000 + 10_000);
  expect(grow.problem).toBe(true);
  expect(grow.notes).toMatch(/response of \d+ characters too big to carry from the page to DevTools .*sizes only/);
  // The panel still records: a reload starts a new log, whose init event (state back to empty) shows.
  await page.reload();
  await page.waitForFunction(() => document.body.innerText.includes('blob: 0 chars'), { timeout: 60_000 });
  await panel.waitForFunction(() => document.querySelector('#event-count')?.textContent === '1', { timeout: 60_000 });
  const [afterReload] = await shownRows(panel);
  expect(afterReload!.problem).toBe(false);
  expect(afterReload!.down).toBe(init.down);
}, 420_000);
