// A flow as a module: anything Puppeteer can do. `settle` runs an action and waits until the
// Mesop traffic it caused is over (no /__ui__ in flight, page idle); `goto` opens a path and waits
// for Mesop's init. The flow's name is the file name ("chat-module").
module.exports = async ({ page, settle }) => {
  for (const text of ['Typed by a module', 'Twice']) {
    await page.locator('input').fill(text);
    await settle(() => page.locator('::-p-aria([name="Send"][role="button"])').click(), { expectRequests: 1 });
  }
};
