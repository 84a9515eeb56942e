/**
 * Growth is read per page load: a HAR of several page loads of the same app (each `init` resets
 * the held state) says what one page load says, plus in how many page loads it was seen. The
 * multi-load HAR is the recorded chat fixture's traffic played three times in a row, as a user who
 * reloads twice would record it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { advise } from '../../../src/core/advise/registry';
import { analyzeExchanges } from '../../../src/core/analyze';
import { harToExchanges } from '../../../src/core/capture/har';
import { FIXTURES_DIR, fixtureAnalysis, oracle } from '../../support/fixture-analysis';

const LOADS = 3;

function reloadedHar(name: string, loads: number): string {
  const har = JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.har`), 'utf8'));
  const entries = har.log.entries as { startedDateTime: string }[];
  const hour = 3_600_000;
  har.log.entries = Array.from({ length: loads }, (_, k) =>
    entries.map((e) => ({
      ...e,
      startedDateTime: new Date(Date.parse(e.startedDateTime) + k * hour).toISOString(),
    })),
  ).flat();
  return JSON.stringify(har);
}

const growth = (name: string, har?: string) => {
  const analysis = har
    ? analyzeExchanges(harToExchanges(har).exchanges, { keepFieldBytes: true })
    : fixtureAnalysis(name);
  return advise(analysis).filter((f) => f.ruleId === 'growing-field');
};

test('the chat played three times gives the growth findings of one page load, seen in 3 of 3', () => {
  const one = growth('chat');
  const many = growth('chat', reloadedHar('chat', LOADS));
  const eventsPerLoad = oracle('chat').events.length;
  expect(one.length).toBeGreaterThan(0);
  expect(many.map((f) => f.id)).toEqual(one.map((f) => f.id));
  many.forEach((f, i) => {
    const { pageLoad, pageLoadsGrown, pageLoads, ...numbers } = f.evidence.numbers;
    const { pageLoad: _p, pageLoadsGrown: _g, pageLoads: _l, ...oneNumbers } = one[i]!.evidence.numbers;
    expect(numbers).toEqual(oneNumbers); // rate, first/last bytes, rises, held state: as in one load
    expect(f.level).toBe(one[i]!.level);
    expect(f.evidence.paths).toEqual(one[i]!.evidence.paths);
    expect(pageLoads).toBe(LOADS);
    expect(pageLoadsGrown).toBe(LOADS);
    expect(pageLoad).toBeGreaterThanOrEqual(1);
    // Its events are those of the page load it names, never spanning a reload.
    const first = (pageLoad! - 1) * eventsPerLoad;
    expect(f.evidence.events).toEqual(one[i]!.evidence.events.map((e) => e + first));
    expect(f.title).toContain(`in page load ${pageLoad} of ${LOADS}; it grew in ${LOADS} of them`);
    // The session saving counts every page load's uploads: three times one load's.
    expect(f.effect.sessionBytes).toBe(one[i]!.effect.sessionBytes * LOADS);
    expect(f.effect.bytesPerEvent).toBe(one[i]!.effect.bytesPerEvent);
  });
});

test('a field that only fills up once per page load is not growth across reloads', () => {
  // The image app loads one image per page load: played three times its field rises and falls
  // with each reload; read across reloads that looked like a trend, read per load it is not one.
  expect(growth('image', reloadedHar('image', LOADS))).toEqual(growth('image'));
});
