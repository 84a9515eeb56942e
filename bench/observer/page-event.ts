/**
 * One event of the observer bench's app (bench/observer/observer_app.py), driven in the page, and
 * what the page holds afterwards. The "done" time is the page's own clock from the click to the
 * moment its DOM shows the event's result (a MutationObserver sees the new count): what a user
 * waits for, whatever the extension does on the way.
 */
import type { CDPSession, Page } from 'puppeteer-core';

/** Loads the app with a state of `kb` kB (1000 bytes) and waits until the state holds it. */
export async function loadState(page: Page, origin: string, kb: number): Promise<void> {
  await page.goto(`${origin}/?kb=${kb}`);
  await page.waitForFunction(() => document.body.innerText.includes('blob: 0 chars'), { timeout: 60_000 });
  await clickAndWait(page, 'Grow', `blob: ${kb * 1000} chars`);
}

/** Clicks Touch and returns the done time, ms. `touches`: the count the page shows after it. */
export function touch(page: Page, touches: number): Promise<number> {
  return clickAndWait(page, 'Touch', `touches: ${touches}`);
}

function clickAndWait(page: Page, button: string, text: string): Promise<number> {
  return page.evaluate(
    async (name: string, want: string) => {
      // Start on an idle main thread: what ran before (a GC, the last render) is not this event's.
      await new Promise((r) => requestIdleCallback(r, { timeout: 1000 }));
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
      if (!b) throw new Error(`no ${name} button`);
      const shown = () => document.body.innerText.includes(want);
      const t0 = performance.now();
      const done = new Promise<number>((resolve) => {
        const mo = new MutationObserver(() => {
          if (shown()) {
            mo.disconnect();
            resolve(performance.now() - t0);
          }
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      b.click();
      return done;
    },
    button,
    text,
  );
}

/** Characters of the last /__ui__ response (its decoded body, from Resource Timing); 0 without one. */
export function lastResponseChars(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ui = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/__ui__')) as PerformanceResourceTiming[];
    return ui.length ? ui[ui.length - 1]!.decodedBodySize : 0;
  });
}

/** The page's JS heap in use after two forced GCs (the isolate: the hook's MAIN world and the relay's isolated world). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}
