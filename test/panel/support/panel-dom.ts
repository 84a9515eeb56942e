import type { Frame, Page } from 'puppeteer-core';

/** Reads what the panel shows (DOM), the same way for the fixture page and the DevTools panel frame. */
type Target = Page | Frame;

export interface ShownRow { index: number; up: number; down: number; upState: number; held: number; problem: boolean; notes: string }

export async function shownRows(t: Target): Promise<ShownRow[]> {
  return t.$$eval('#event-rows tr[data-index]', (trs) => trs.map((tr) => {
    const el = tr as HTMLElement;
    return {
      index: Number(el.dataset.index), up: Number(el.dataset.up), down: Number(el.dataset.down),
      upState: Number(el.dataset.upState), held: Number(el.dataset.held),
      problem: el.classList.contains('problem'), notes: el.querySelector('.notes')?.textContent ?? '',
    };
  }));
}

export async function eventCount(t: Target): Promise<number> {
  return t.$eval('#event-count', (el) => Number(el.textContent));
}

/** Non-transparent pixels on the chart canvas: > 0 once bars are drawn. */
export async function chartInk(t: Target): Promise<number> {
  return t.$eval('#payload-chart', (c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

export async function selectEvent(t: Target, index: number): Promise<void> {
  await t.click(`#event-rows tr[data-index="${index}"]`);
  await t.waitForSelector(`.detail[data-event="${index}"] .biggest, .detail[data-event="${index}"]`);
}

/** Biggest-field rows of the selected event: [path, bytes, blob description]. */
export async function biggestFields(t: Target): Promise<{ path: string; bytes: number; blob: string }[]> {
  return t.$$eval('.detail .biggest tr[data-path]', (trs) => trs.map((tr) => ({
    path: (tr as HTMLElement).dataset.path!, bytes: Number((tr as HTMLElement).dataset.bytes), blob: tr.querySelector('.blob')?.textContent ?? '',
  })));
}

export async function findings(t: Target): Promise<{ rule: string; level: string; text: string }[]> {
  return t.$$eval('.findings .finding', (lis) => lis.map((li) => ({
    rule: (li as HTMLElement).dataset.rule!, level: (li as HTMLElement).dataset.level!, text: li.textContent ?? '',
  })));
}
