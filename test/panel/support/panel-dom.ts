import type { Frame, Page } from 'puppeteer-core';
import { waitFor } from '../../support/wait-for';

/** Reads what the panel shows (DOM), the same way for the fixture page and the DevTools panel frame. */
type Target = Page | Frame;

export interface ShownRow {
  index: number;
  up: number;
  down: number;
  upState: number;
  held: number;
  problem: boolean;
  notes: string;
}

export async function shownRows(t: Target): Promise<ShownRow[]> {
  return t.$$eval('#event-rows tr[data-index]', (trs) =>
    trs.map((tr) => {
      const el = tr as HTMLElement;
      return {
        index: Number(el.dataset.index),
        up: Number(el.dataset.up),
        down: Number(el.dataset.down),
        upState: Number(el.dataset.upState),
        held: Number(el.dataset.held),
        problem: el.classList.contains('problem'),
        notes: el.querySelector('.notes')?.textContent ?? '',
      };
    }),
  );
}

export async function eventCount(t: Target): Promise<number> {
  return t.$eval('#event-count', (el) => Number(el.textContent));
}

/** Waits until the panel lists exactly `n` events; on timeout, says how many it listed. */
export async function waitForEventCount(t: Target, n: number, timeout = 30_000): Promise<void> {
  await t
    .waitForFunction((k: number) => document.querySelector('#event-count')?.textContent === String(k), { timeout }, n)
    .catch(async (e: Error) => {
      const shown = await t.$eval('#event-count', (el) => el.textContent).catch(() => 'no #event-count');
      throw new Error(`waiting for ${n} events in the panel: it lists ${shown} (${e.message})`);
    });
}

/** The payload chart's bar colours (panel.css), in SERIES order. */
const BAR_COLORS = ['--c-up-state', '--c-up-rest', '--c-down-full', '--c-down-diff', '--c-down-tree', '--c-down-rest'];

/** What the user sees of the chart: a screenshot of #payload-chart, and its pixels in each bar colour. */
export interface ChartShot {
  png: string;
  width: number;
  height: number;
  /** Pixels in a bar colour: the bars, and the legend's six 10x10 boxes. */
  ink: number;
  /** Per bar colour (SERIES order): its pixels, and the centre of those in the legend row (the bottom 30 px). */
  colors: { pixels: number; legend: { x: number; y: number } | undefined }[];
  /** Per column x: the highest y in a bar colour (-1: none), i.e. the top of the bars there. */
  tops: number[];
}

/**
 * The chart canvas is drawn by the chart worker (transferControlToOffscreen): it cannot be read
 * back, so the chart is judged by what is on screen, an element screenshot decoded by Chromium.
 */
export async function chartShot(t: Target): Promise<ChartShot> {
  // The page's screenshot clipped to the canvas's box, not ElementHandle.screenshot: in the DevTools
  // panel (an out-of-process frame) that one now and then shot a blank part of the window (it
  // scrolls the element into view and offsets the clip by the frame's own scroll).
  const box = (await (await t.$('#payload-chart'))!.boundingBox())!;
  const page = 'page' in t ? t.page() : t;
  const png = await page.screenshot({ encoding: 'base64', clip: box, captureBeyondViewport: false });
  return t.evaluate(
    async (b64: string, names: string[]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
        colorSpaceConversion: 'none',
        premultiplyAlpha: 'none',
      });
      const { width, height } = bmp;
      const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
      const rgb = names.map((n) => {
        ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(n).trim();
        ctx.fillRect(0, 0, 1, 1);
        return ctx.getImageData(0, 0, 1, 1).data;
      });
      ctx.clearRect(0, 0, 1, 1);
      ctx.drawImage(bmp, 0, 0);
      const px = ctx.getImageData(0, 0, width, height).data;
      const colors = rgb.map(() => ({ pixels: 0, lx: 0, ly: 0, ln: 0 }));
      const tops: number[] = new Array(width).fill(-1);
      let ink = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = 4 * (y * width + x);
          const k = rgb.findIndex(
            (c) =>
              Math.abs(c[0]! - px[i]!) <= 6 && Math.abs(c[1]! - px[i + 1]!) <= 6 && Math.abs(c[2]! - px[i + 2]!) <= 6,
          );
          if (k < 0) continue;
          ink++;
          const c = colors[k]!;
          c.pixels++;
          if (y >= height - 30) {
            c.lx += x;
            c.ly += y;
            c.ln++;
          }
          if (tops[x] === -1) tops[x] = y;
        }
      }
      return {
        png: b64,
        width,
        height,
        ink,
        tops,
        colors: colors.map((c) => ({
          pixels: c.pixels,
          legend: c.ln ? { x: Math.round(c.lx / c.ln), y: Math.round(c.ly / c.ln) } : undefined,
        })),
      };
    },
    png as string,
    BAR_COLORS,
  );
}

/** Pixels that differ between two shots of the chart (a tooltip shown, bars hidden...). */
export async function chartChange(t: Target, a: ChartShot, b: ChartShot): Promise<number> {
  return t.evaluate(
    async (pa: string, pb: string) => {
      const read = async (b64: string) => {
        const png = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
        const bmp = await createImageBitmap(png, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
        const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
        ctx.drawImage(bmp, 0, 0);
        return ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      };
      const [x, y] = [await read(pa), await read(pb)];
      if (x.length !== y.length) return Infinity;
      let n = 0;
      for (let i = 0; i < x.length; i += 4) if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2]) n++;
      return n;
    },
    a.png,
    b.png,
  );
}

/**
 * The chart drawn: the worker draws after the panel rendered (and after a mouse event reached it),
 * so this polls shots (up to `ms`) until `done(shot)`, then returns the last one; the caller asserts on it.
 */
export async function chartWhen(
  t: Target,
  done: (shot: ChartShot) => boolean | Promise<boolean>,
  ms = 10_000,
): Promise<ChartShot> {
  let shot!: ChartShot;
  await waitFor('the chart', async () => done((shot = await chartShot(t))), { timeoutMs: ms }).catch(() => undefined);
  return shot;
}

/** The chart once drawn and still: bars shown, and the same in three shots in a row. */
export async function settledChart(t: Target): Promise<ChartShot> {
  const last: string[] = [];
  return chartWhen(t, (shot) => {
    last.push(shot.png);
    return shot.ink > 0 && last.length >= 3 && last.slice(-3).every((p) => p === shot.png);
  });
}

/** Pixels of the chart, as shown, in a bar colour: > 1000 once bars are drawn (the legend's boxes are 600 at most). */
export async function chartInk(t: Target): Promise<number> {
  return (await settledChart(t)).ink;
}

export async function selectEvent(t: Target, index: number): Promise<void> {
  await t.click(`#event-rows tr[data-index="${index}"]`);
  await t.waitForSelector(`.detail[data-event="${index}"] .biggest, .detail[data-event="${index}"]`);
}

/** Biggest-field rows of the selected event: [path, bytes, blob description]. */
export async function biggestFields(t: Target): Promise<{ path: string; bytes: number; blob: string }[]> {
  return t.$$eval('.detail .biggest tr[data-path]', (trs) =>
    trs.map((tr) => ({
      path: (tr as HTMLElement).dataset.path!,
      bytes: Number((tr as HTMLElement).dataset.bytes),
      blob: tr.querySelector('.blob')?.textContent ?? '',
    })),
  );
}

export async function findings(t: Target): Promise<{ rule: string; level: string; text: string }[]> {
  return t.$$eval('.findings .finding', (lis) =>
    lis.map((li) => ({
      rule: (li as HTMLElement).dataset.rule!,
      level: (li as HTMLElement).dataset.level!,
      text: li.textContent ?? '',
    })),
  );
}
