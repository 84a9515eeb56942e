import type { Frame, Page } from 'puppeteer-core';
import type { RunComparison } from '../../../src/core/compare';
import type { DevState } from '../../../src/core/dev-control/contract';
import type { ReportEvent } from '../../../src/core/report/report-types';
import { sendChat } from './chat-app';
import type { DevCli } from './dev-cli';
import { pressInPanel } from './panel-press';

/** What the panel's dev mode exposes for tests (panel/dev-mode/DevModePane.tsx). */
export const devMode = (panel: Frame) =>
  panel.evaluate(() => {
    const d = (
      window as unknown as {
        __mesopDebug?: { devMode?: { presence: string; state?: DevState; comparison?: RunComparison } };
      }
    ).__mesopDebug?.devMode;
    return { presence: d?.presence, state: d?.state, comparison: d?.comparison };
  });

export const reportEvents = (panel: Frame) =>
  panel.evaluate(
    () =>
      (window as unknown as { __mesopDebug?: { report?: { events: ReportEvent[] } } }).__mesopDebug?.report?.events ??
      [],
  );

/**
 * Sends the chat messages and returns the panel's events of this page load (from its init on):
 * 1 init + 2 per message. With "Preserve log" on, run A stays listed after the switch's reload and
 * the whole A/B history is in one report.
 */
export async function recordFlow(panel: Frame, page: Page, messages: readonly string[]): Promise<ReportEvent[]> {
  const expected = 1 + 2 * messages.length;
  await page.waitForSelector('input');
  for (const m of messages) await sendChat(page, m);
  await panel
    .waitForFunction(
      (n: number) => {
        const events: { kind: string }[] = (window as any).__mesopDebug?.report?.events ?? [];
        const init = events.map((e) => e.kind).lastIndexOf('init');
        return init >= 0 && events.length - init === n;
      },
      { timeout: 30_000 },
      expected,
    )
    .catch(async (e) => {
      const shown = (await reportEvents(panel)).map((x) => `${x.kind}/${x.request.stateUpload}/${x.startedAt}`);
      console.log(`panel: ${await panel.$eval('#status', (el) => el.textContent)} | ${shown.join(' ')}`);
      throw e;
    });
  const events = await reportEvents(panel);
  return events.slice(events.map((x) => x.kind).lastIndexOf('init'));
}

/** Presses a backend in the panel; the content script reloads the page once the new Mesop serves. */
export async function switchTo(panel: Frame, page: Page, dev: DevCli, backend: string): Promise<DevState> {
  const reloaded = page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  await pressInPanel(panel, `#dev-backend-${backend}`);
  await panel.waitForSelector('#dev-busy'); // disabled while the supervisor restarts Mesop
  expect(await panel.$$eval('.segmented button', (bs) => bs.every((b) => (b as HTMLButtonElement).disabled))).toBe(
    true,
  );
  await reloaded;
  await panel.waitForSelector(`#dev-switcher[data-backend="${backend}"][data-status="running"]`, { timeout: 30_000 });
  await panel.waitForFunction(() => !document.querySelector('#dev-busy'));
  const { state } = await devMode(panel);
  expect(state).toMatchObject({ backend, child: { status: 'running' } });
  dev.track(state!.child.pid);
  expect(await panel.$eval(`#dev-backend-${backend}`, (b) => b.getAttribute('aria-pressed'))).toBe('true');
  return state!;
}

/**
 * Waits until the A/B comparison shows `paired` events, and returns the panel's comparison, which
 * must pair the same number (`window.__mesopDebug.devMode` is set in the render, with the DOM).
 */
export async function waitForComparison(panel: Frame, paired: number): Promise<RunComparison> {
  await panel.waitForSelector(`#ab-saving[data-paired="${paired}"]`, { timeout: 15_000 });
  const comparison = (await devMode(panel)).comparison!;
  expect(comparison.rows.filter((r) => r.a && r.b)).toHaveLength(paired);
  return comparison;
}

/** The A/B table's rows as the panel shows them (data attributes of #ab-comparison). */
export const abRows = (panel: Frame) =>
  panel.$$eval('#ab-comparison tbody tr', (trs) =>
    trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return { upA: Number(d.upA), upB: Number(d.upB), downA: Number(d.downA), downB: Number(d.downB) };
    }),
  );

/** The saving line of the A/B comparison. */
export const abSaving = (panel: Frame) =>
  panel.$eval('#ab-saving', (el) => ({
    up: Number((el as HTMLElement).dataset.up),
    total: Number((el as HTMLElement).dataset.total),
    text: el.textContent ?? '',
  }));
