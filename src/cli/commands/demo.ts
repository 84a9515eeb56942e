import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeExchanges } from '../../core/analyze';
import { partitionUiExchanges } from '../../core/decode/mesop-traffic';
import { buildReport } from '../../core/report/build-report';
import { renderEventTable } from '../../core/report/event-table';
import { renderFindings } from '../../core/report/findings-text';
import { startCapture, settle } from '../capture';
import { CHROMIUM, launchChromium } from '../app/chromium';
import { startMesop } from '../app/mesop-server';
import { repoRoot, sampleApp, venvMesop } from '../app/paths';
import type { CliProcess } from '../cli-process';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools demo [--out <report.json>] [--har <capture.har>] [--json]
  Starts the bundled sample chat app (test/apps/chat.py) under the pinned mesop on a free
  loopback port, sends a handful of chat messages in headless Chromium, and prints the payload
  of every event. Writes the JSON report to --out (default: out/demo-report.json) and, with
  --har, the captured traffic as a HAR file (open it with \`mesop-devtools analyze\`).`;

const MESSAGES = ['Hello!', 'What does my state weigh?', 'Ça grandit à chaque message 📈', 'One more', 'And the last one'];

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the bundled sample Mesop app in headless Chromium and print its payload table',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values } = parseOptions(args, { out: { type: 'string' }, har: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
    const root = repoRoot();
    const outFile = values.out ?? join(root, 'out/demo-report.json');
    if (!existsSync(venvMesop(root))) throw new UserError(USER_ERRORS.APP_DID_NOT_START, `no pinned mesop at ${venvMesop(root)}`, 'run `npm run setup` first');
    if (!existsSync(CHROMIUM)) throw new UserError(USER_ERRORS.BROWSER_MISSING, `no Chromium at ${CHROMIUM}`, 'apt-get install -y chromium');

    const say = (line: string) => { if (!values.json) proc.stderr.write(`${line}\n`); };
    say('starting the sample chat app (test/apps/chat.py) under mesop 1.3.7 ...');
    const server = await startMesop({ app: sampleApp(root, 'chat.py'), mesopBin: venvMesop(root) });
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage();
      const capture = await startCapture(page);
      say(`opening ${server.origin}/ in headless Chromium ...`);
      await settle(capture, () => page.goto(`${server.origin}/`));
      for (const [i, text] of MESSAGES.entries()) {
        say(`  message ${i + 1}/${MESSAGES.length}: ${text}`);
        await page.locator('input').fill(text);
        await settle(capture, () => page.locator('::-p-aria([name="Send"][role="button"])').click());
      }
      await capture.stop();

      const { mesop, skipped } = partitionUiExchanges(capture.exchanges());
      const analysis = analyzeExchanges(mesop, { keepFieldBytes: true });
      const report = buildReport(analysis, { toolVersion: TOOL_VERSION, source: { kind: 'demo', name: 'test/apps/chat.py' }, skipped });
      await mkdir(join(outFile, '..'), { recursive: true });
      await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
      if (values.har) await writeFile(values.har, JSON.stringify(capture.toHar()));
      if (values.json) proc.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        proc.stdout.write(`\n${renderEventTable(report)}\n${renderFindings(report.findings)}\n`);
        proc.stdout.write(`JSON report written to ${outFile}\n`);
      }
      return 0;
    } finally {
      await chromium.close();
      await server.stop();
    }
  },
};
