/**
 * The Playwright matchers on a recorded session (test/fixtures/chat.har) analyzed by the real core:
 * what they measure against the Python oracle's numbers, their messages (budget, event, handler,
 * field as check's blame), and a browser without complete capture (not failed, said).
 */
import { mesopMatchers, type PayloadTarget } from '../../src/playwright/matchers';
import { TestCapture } from '../../src/playwright/test-capture';
import { fixtureAnalysis, oracle } from '../support/fixture-analysis';

const chat = oracle('chat').events;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const recorded = (scope: PayloadTarget['scope']): PayloadTarget => ({
  scope,
  capture: { complete: true, note: null, analysis: async () => fixtureAnalysis('chat') },
});
const on = { isNot: false };

it('toUploadAtMost on the test budgets the total uploaded, as the oracle counts it', async () => {
  const total = sum(chat.map((e) => e.request.wireBytes));
  expect((await mesopMatchers.toUploadAtMost.call(on, recorded('test'), total)).pass).toBe(true);
  const over = await mesopMatchers.toUploadAtMost.call(on, recorded('test'), total - 1);
  expect([over.pass, over.actual]).toEqual([false, total]);
  expect(over.message()).toMatch(/^toUploadAtMost failed for the test: total-request-bytes: .* over the .* budget/);
});

it('on mesop.lastEvent it measures the last event only, and names its handler and biggest field', async () => {
  const last = chat[chat.length - 1]!;
  const r = await mesopMatchers.toUploadAtMost.call(on, recorded('last event'), '1 kB');
  expect([r.pass, r.actual]).toEqual([last.request.wireBytes <= 1000, last.request.wireBytes]);
  expect(r.message()).toMatch(new RegExp(`failed for the last event \\(#${chat.length - 1}\\): request-bytes`));
  expect(r.message()).toMatch(new RegExp(`event #${chat.length - 1} click on_send; field state class #1 history`));
});

it('toHoldStateAtMost takes the largest state held; toHaveNoServerErrors holds on a session without errors', async () => {
  const held = Math.max(...chat.map((e) => sum(e.mirror.stateBytes)));
  const r = await mesopMatchers.toHoldStateAtMost.call(on, recorded('test'), held - 1);
  expect([r.pass, r.actual]).toEqual([false, held]);
  expect((await mesopMatchers.toHaveNoServerErrors.call(on, recorded('test'))).pass).toBe(true);
});

it('a bad size is a clear error naming the matcher', async () => {
  await expect(mesopMatchers.toUploadAtMost.call(on, recorded('test'), '10 parsecs')).rejects.toThrow(
    /^toUploadAtMost\("10 parsecs"\): /,
  );
});

it('in a browser without CDP nothing is measured, nothing fails, and the note says why', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const capture = await TestCapture.start({} as never, 'firefox');
  expect(capture.complete).toBe(false);
  expect(capture.note).toMatch(/payload not measured in firefox: .* needs Chromium/);
  const r = await mesopMatchers.toUploadAtMost.call(on, { capture, scope: 'test' }, '1 B');
  expect(r.pass).toBe(true);
  expect(r.message()).toMatch(/not checked: mesop-devtools: payload not measured in firefox/);
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/toUploadAtMost not checked/));
  warn.mockRestore();
});
