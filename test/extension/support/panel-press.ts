import type { Frame } from 'puppeteer-core';

/**
 * Presses a button (or checkbox) in the panel by dispatching its click in the panel's own document.
 * Why not `frame.click()`: Puppeteer computes the mouse position through DevTools' layout (the
 * panel is an out-of-process iframe of the DevTools page), and on a loaded machine right after the
 * inspected page reloads that offset was stale: a dev-mode e2e run clicked 260 px below the
 * "file" button, on the chart (recorded in the panel's own click log). A user aims at what is on
 * screen; the test aims at the element. Refuses a disabled or hidden control, as a mouse would.
 */
export async function pressInPanel(panel: Frame, selector: string): Promise<void> {
  const handle = await panel.waitForSelector(selector, { visible: true });
  const refused = await handle!.evaluate((el) => {
    if ((el as HTMLButtonElement).disabled) return 'disabled';
    (el as HTMLElement).click();
    return '';
  });
  await handle!.dispose();
  if (refused) throw new Error(`pressInPanel: ${selector} is ${refused}`);
}
