/**
 * What one idle wait of `check` costs after a click: the time from the moment the bot's reply is
 * visible on the page (what a plain Puppeteer script waits for) to the moment waitForMesopIdle
 * returns, on test/apps/chat.py (--prod, pinned mesop). A diagnostic for the check-overhead bench
 * (docs/ci.md, "Waiting until idle"), not a target.
 *
 *   node scripts/build.mjs && node dist/bench/idle-wait.js [--clicks 24]
 */
import { launchChromium } from '../src/cli/app/chromium';
import { startMesop } from '../src/cli/app/mesop-server';
import { repoRoot, sampleApp, venvMesop } from '../src/cli/app/paths';
import { startCapture, waitForMesopIdle } from '../src/cli/capture';

const SEND = '::-p-aria([name="Send"][role="button"])';
const PER_PAGE = 6;
const args = process.argv.slice(2);
const clicks = Number(args[args.indexOf('--clicks') + 1]) || 24;

async function main(): Promise<void> {
  const root = repoRoot(__dirname);
  const server = await startMesop({ app: sampleApp(root, 'chat.py'), mesopBin: venvMesop(root), prod: true });
  const chromium = await launchChromium();
  const after: number[] = [];
  try {
    while (after.length < clicks) {
      const page = await chromium.browser.newPage();
      const capture = await startCapture(page);
      await page.goto(`${server.origin}/`);
      await waitForMesopIdle(capture, { expectRequests: 1, since: 0 });
      for (let i = 0; i < PER_PAGE && after.length < clicks; i++) {
        const text = `message ${after.length}`;
        await page.locator('input').fill(text);
        const since = capture.activity().started;
        await page.locator(SEND).click();
        const actionEndedAt = Date.now();
        const shown = page
          .waitForFunction(
            (t: string) => document.body.innerText.includes(`You said '${t}'`),
            { polling: 'mutation' },
            text,
          )
          .then(() => performance.now());
        await waitForMesopIdle(capture, { since, actionEndedAt });
        const idleAt = performance.now();
        after.push(idleAt - (await shown));
      }
      await capture.stop();
      await page.close();
    }
  } finally {
    await chromium.close();
    await server.stop();
  }
  const sorted = [...after].sort((a, b) => a - b);
  const pick = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  process.stdout.write(
    `idle wait after the reply is visible, ${clicks} clicks: median ${pick(0.5)} ms, p90 ${pick(0.9)} ms, max ${pick(1)} ms\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 3;
});
