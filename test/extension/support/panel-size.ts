import type { Frame, Page } from 'puppeteer-core';

/**
 * The three places a user puts DevTools, as window sizes of an undocked DevTools. Docked, the
 * DevTools page cannot be captured reliably (Page.captureScreenshot on a docked DevTools timed out
 * in the capture prototype; undocked it works), and DevTools lays a docked panel out exactly as an
 * undocked window of the same size: so each dock is emulated by the undocked window's viewport.
 */
export const PANEL_SIZES = {
  /** Docked right of a 1360 x 840 browser window: DevTools gets about a third of the width. */
  'docked-right': { width: 450, height: 840 },
  /** Docked at the bottom: the window's full width, about 300 px tall. */
  'docked-bottom': { width: 1360, height: 300 },
  /** In its own window. */
  undocked: { width: 1360, height: 840 },
} as const;
export type PanelSize = keyof typeof PANEL_SIZES;

/** Undocks DevTools (once) and gives its window `size`; resolves when the panel has been laid out at that width. */
export async function showPanelAt(dt: Page, panel: Frame, size: PanelSize): Promise<void> {
  const { width, height } = PANEL_SIZES[size];
  await dt.evaluate(async () => {
    const UI = await import('./ui/legacy/legacy.js' as string);
    const dock = UI.DockController.DockController.instance();
    if (dock.dockSide() !== 'undocked') dock.setDockSide('undocked');
  });
  await dt.setViewport({ width, height });
  // The panel is an out-of-process frame: its own window gets the new size after DevTools' layout.
  await panel.waitForFunction(
    (w: number, h: number) => window.innerWidth === w && window.innerHeight < h && window.innerHeight > h - 60,
    { timeout: 15_000 },
    width,
    height,
  );
  await panel.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
}

/** A part of the panel as laid out: its box, and how much of it lies inside the panel's window. */
export interface Placed {
  selector: string;
  width: number;
  height: number;
  visibleWidth: number;
  visibleHeight: number;
}

/** What the panel shows at its current size: the window, the chart, the event list, its fully visible rows. */
export interface PanelLayout {
  window: { width: number; height: number; scrollWidth: number };
  chart: Placed;
  list: Placed;
  /** Event rows entirely inside both the list's visible box and the window. */
  visibleRows: number;
}

export async function panelLayout(panel: Frame): Promise<PanelLayout> {
  return panel.evaluate(() => {
    const W = window.innerWidth;
    const H = window.innerHeight;
    const place = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      if (!r) return { selector, width: 0, height: 0, visibleWidth: 0, visibleHeight: 0 };
      return {
        selector,
        width: r.width,
        height: r.height,
        visibleWidth: Math.max(0, Math.min(r.right, W) - Math.max(r.left, 0)),
        visibleHeight: Math.max(0, Math.min(r.bottom, H) - Math.max(r.top, 0)),
      };
    };
    const list = document.querySelector('.event-list')!.getBoundingClientRect();
    const head = document.querySelector('.event-list thead')?.getBoundingClientRect().bottom ?? list.top;
    const rows = [...document.querySelectorAll('#event-rows tr[data-index]')].filter((tr) => {
      const r = tr.getBoundingClientRect();
      return (
        r.height > 0 &&
        r.top >= head - 1 &&
        r.bottom <= Math.min(list.bottom, H) + 1 &&
        r.left >= 0 &&
        r.left < Math.min(list.right, W)
      );
    });
    return {
      window: { width: W, height: H, scrollWidth: document.documentElement.scrollWidth },
      chart: place('#payload-chart'),
      list: place('.event-list'),
      visibleRows: rows.length,
    };
  });
}

/** A PNG (base64) decoded by Chromium in `frame`: its size, distinct colours and the share of pixels unlike its top-left pixel. */
export async function imageStats(
  frame: Frame,
  png: string,
): Promise<{ width: number; height: number; colors: number; unlikeCorner: number }> {
  return frame.evaluate(async (b64: string) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bmp, 0, 0);
    const px = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const colors = new Set<number>();
    let unlike = 0;
    for (let i = 0; i < px.length; i += 4) {
      colors.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
      if (Math.abs(px[i]! - px[0]!) + Math.abs(px[i + 1]! - px[1]!) + Math.abs(px[i + 2]! - px[2]!) > 24) unlike++;
    }
    return { width: bmp.width, height: bmp.height, colors: colors.size, unlikeCorner: unlike / (px.length / 4) };
  }, png);
}
