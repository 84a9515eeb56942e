/**
 * The observer-effect bench's Chromium instances, one configuration each, side by side:
 *   none      no extension, no DevTools
 *   closed    the extension installed, DevTools closed (what every Mesop tab pays)
 *   panel     the extension, DevTools open on the page with the Mesop tab shown
 *   devtools  no extension, DevTools open on its default panel (the base the panel is compared to)
 *   aa        a second `devtools`: the A/A control, the noise between two identical instances
 * and, with a reference build, `closed` and `panel` again with that build's extension.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { extensionId, showMesopPanel } from '../../test/extension/support/chromium';

export type Mode = 'none' | 'closed' | 'panel' | 'devtools';

export interface InstanceSpec {
  /** Its name in the output ("closed", "panel (reference)"...). */
  name: string;
  mode: Mode;
  /** The unpacked extension it loads (modes closed and panel). */
  extDir?: string;
  /** Which build's extension: this one or the reference. */
  build: 'this' | 'reference';
}

export interface Instance extends InstanceSpec {
  browser: Browser;
  page: Page;
  /** The Mesop tab's frame (mode panel). */
  panel?: Frame;
  /** The extension's id (modes closed and panel). */
  extId?: string;
  close(): Promise<void>;
}

export function specs(extDir: string, referenceDir: string | undefined): InstanceSpec[] {
  const out: InstanceSpec[] = [
    { name: 'none', mode: 'none', build: 'this' },
    { name: 'closed', mode: 'closed', extDir, build: 'this' },
    { name: 'panel', mode: 'panel', extDir, build: 'this' },
    { name: 'devtools', mode: 'devtools', build: 'this' },
    { name: 'aa', mode: 'devtools', build: 'this' },
  ];
  if (referenceDir) {
    out.push({ name: 'closed (reference)', mode: 'closed', extDir: referenceDir, build: 'reference' });
    out.push({ name: 'panel (reference)', mode: 'panel', extDir: referenceDir, build: 'reference' });
  }
  return out;
}

/** Launches one instance on about:blank; DevTools (and the panel) open once a page is loaded (`attach`). */
export async function launch(spec: InstanceSpec): Promise<Instance> {
  const profile = mkdtempSync(join(tmpdir(), 'mesop-observer-'));
  const ext = spec.extDir ? [`--load-extension=${spec.extDir}`, `--disable-extensions-except=${spec.extDir}`] : [];
  const browser = await puppeteer.launch({
    executablePath: process.env.MESOP_CHROMIUM ?? '/usr/lib/chromium/chromium',
    headless: true,
    enableExtensions: spec.extDir !== undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Each size loads a fresh page: no back/forward cache, so the previous size's page (and its
      // heap) is gone in every instance alike before the heap is read.
      '--disable-features=BackForwardCache',
      `--user-data-dir=${profile}`,
      ...ext,
    ],
  });
  const [page] = await browser.pages();
  const extId = spec.extDir ? await extensionId(browser) : undefined;
  return {
    ...spec,
    browser,
    page: page!,
    extId,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens DevTools (modes devtools and panel) and shows the Mesop tab (mode panel). */
export async function attachDevTools(inst: Instance): Promise<void> {
  if (inst.mode !== 'devtools' && inst.mode !== 'panel') return;
  const dt = await inst.page.openDevTools();
  if (inst.mode === 'panel') {
    await dt.waitForFrame((f) => f.url() === `chrome-extension://${inst.extId}/devtools.html`);
    inst.panel = await showMesopPanel(dt, inst.extId!);
  }
}

/** Events the Mesop tab accounts for (shown, or dropped by its memory bound). */
export function panelEvents(panel: Frame): Promise<number> {
  return panel.evaluate(
    () =>
      Number(document.querySelector('#event-count')?.textContent ?? 0) +
      Number(document.querySelector('#dropped-notice')?.getAttribute('data-dropped') ?? 0),
  );
}
