import type { Page } from 'puppeteer-core';
import { waitFor } from '../../support/wait-for';

/** Drives test/apps/spike_capture.py. Each action is one Mesop UI event; we wait for its effect. */
export const SPIKE_APP = 'test/apps/spike_capture.py';

/**
 * The app's first render. 60 s (tests time out at 120): in a CI run at load average ~10 (beside
 * panel-load.e2e) a fresh Mesop dev server had not rendered it in 30 s. A timeout says what the
 * page showed instead.
 */
export async function waitForApp(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.body.innerText.includes('count='), { timeout: 60_000 })
    .catch(async (e: unknown) => {
      const shown = await page
        .evaluate(
          () => `${location.href} (${document.readyState}): ${JSON.stringify(document.body?.innerText.slice(0, 300))}`,
        )
        .catch((err: unknown) => String(err));
      throw new Error(
        `the app did not render in 60 s; the page showed ${shown} (${e instanceof Error ? e.message : String(e)})`,
      );
    });
}

async function statusText(page: Page): Promise<string> {
  return page.evaluate(() => /count=\d+ streamed=\d+ blobs=\d+/.exec(document.body.innerText)?.[0] ?? '');
}

async function clickAndWait(page: Page, label: string, until: (status: string) => boolean): Promise<void> {
  await page.locator(`::-p-text(${label})`).click();
  await waitFor(`the effect of "${label}"`, async () => until(await statusText(page)), {
    everyMs: 20,
    describe: () => statusText(page),
  });
}

function num(status: string, name: string): number {
  return Number(new RegExp(`${name}=(\\d+)`).exec(status)?.[1] ?? -1);
}

/** Runs `n` events cycling increment / stream / (blob every `blobEvery`-th). Returns what was sent. */
export async function runEvents(page: Page, n: number, opts: { blobEvery?: number } = {}): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = await statusText(page);
    if (opts.blobEvery && i % opts.blobEvery === opts.blobEvery - 1) {
      const b = num(s, 'blobs');
      await clickAndWait(page, 'Add 200 kB', (t) => num(t, 'blobs') === b + 1);
      done.push('blob');
    } else if (i % 2 === 0) {
      const c = num(s, 'count');
      await clickAndWait(page, 'Increment', (t) => num(t, 'count') === c + 1);
      done.push('increment');
    } else {
      const st = num(s, 'streamed');
      await clickAndWait(page, 'Stream', (t) => num(t, 'streamed') === st + 5);
      done.push('stream');
    }
  }
  return done;
}
