import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { analyzeExchanges, buildReport, partitionUiExchanges, renderEventTable, renderFindings } from '../../core';
import { startCapture, settle } from '../capture';
import { BROWSER_OPTIONS, BROWSER_USAGE, findBrowser, launchChromium } from '../app/chromium';
import { startMesop } from '../app/mesop-server';
import { demoApp, extensionDir } from '../app/paths';
import type { CliProcess } from '../cli-process';
import { findExecutable } from '../dev/find-executable';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools demo [--mesop <path>] [--chrome <path>] [--out <report.json>] [--har <capture.har>] [--json]
  Runs the sample app shipped with mesop-devtools (demo/demo_app.py: a chat whose state grows, and
  a picture the bot keeps in state as a data URL) under your mesop on a free loopback port, chats
  with it in headless Chrome, prints the payload of every event and what to do about it, then
  what to try next on your own app.
  --mesop <path>       the mesop executable (default: \`mesop\` on PATH, e.g. your activated virtualenv's)
${BROWSER_USAGE}
  --out <file>         the JSON report (default: out/demo-report.json)
  --har <file>         the captured traffic as a HAR file (default: out/demo.har)
  --json               print the JSON report instead of the table`;

const MESSAGES = [
  'Hello!',
  'Can you draw me a picture?',
  'What does my state weigh?',
  'Ça grandit à chaque message 📈',
  'One more',
  'And the last one',
];

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run a sample Mesop app under your mesop in headless Chrome and print its payload table',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        out: { type: 'string' },
        har: { type: 'string' },
        json: { type: 'boolean' },
        mesop: { type: 'string' },
        ...BROWSER_OPTIONS,
      },
      USAGE,
    );
    if (positionals.length)
      throw new UserError(USER_ERRORS.USAGE, `unexpected argument "${positionals[0]}"`, USAGE.split('\n')[0]);
    const cwd = proc.cwd();
    const outFile = resolve(cwd, values.out ?? 'out/demo-report.json');
    const harFile = resolve(cwd, values.har ?? 'out/demo.har');
    const mesopBin = findExecutable(values.mesop ?? 'mesop', proc.env, cwd);
    if (!mesopBin) {
      throw new UserError(
        USER_ERRORS.APP_DID_NOT_START,
        `cannot find ${values.mesop ?? '`mesop` on PATH'}`,
        '`pip install mesop` in a virtualenv and activate it, or pass --mesop <path>',
      );
    }
    const browserPath = findBrowser(values, proc.env);
    const app = demoApp();

    const say = (line: string) => {
      if (!values.json) proc.stderr.write(`${line}\n`);
    };
    say(`starting the demo app (${app}) under ${mesopBin} ...`);
    const server = await startMesop({ app, mesopBin }).catch((e: Error) => {
      const lines = e.message.split('\n').filter((l) => l.trim());
      throw new UserError(
        USER_ERRORS.APP_DID_NOT_START,
        `mesop did not start: ${lines[0]}; its last line: ${lines[lines.length - 1]}`,
        `run \`${mesopBin} ${app}\` to see why`,
      );
    });
    let chromium;
    try {
      chromium = await launchChromium({ executablePath: browserPath });
      const page = await chromium.browser.newPage();
      const capture = await startCapture(page);
      say(`opening ${server.origin}/ in headless ${browserPath} ...`);
      await settle(capture, () => page.goto(`${server.origin}/`));
      for (const [i, text] of MESSAGES.entries()) {
        say(`  message ${i + 1}/${MESSAGES.length}: ${text}`);
        await page.locator('input').fill(text);
        await settle(capture, () => page.locator('::-p-aria([name="Send"][role="button"])').click());
      }
      await capture.stop();

      const { mesop, skipped } = partitionUiExchanges(capture.exchanges());
      const analysis = analyzeExchanges(mesop, { keepFieldBytes: true });
      const report = buildReport(analysis, {
        toolVersion: TOOL_VERSION,
        source: { kind: 'demo', name: 'demo/demo_app.py' },
        skipped,
      });
      for (const file of [outFile, harFile]) await mkdir(dirname(file), { recursive: true });
      await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
      await writeFile(harFile, JSON.stringify(capture.toHar()));
      if (values.json) proc.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        proc.stdout.write(`\n${renderEventTable(report)}\n${renderFindings(report.findings)}\n`);
        proc.stdout.write(`JSON report written to ${outFile}, the traffic to ${harFile}\n\n${nextSteps(cwd, harFile)}`);
      }
      return 0;
    } finally {
      await chromium?.close();
      await server.stop();
    }
  },
};

/** What a new user does after the demo: the same three views on their own app. */
function nextSteps(cwd: string, harFile: string): string {
  const ext = extensionDir();
  const har = relative(cwd, harFile) || harFile;
  return [
    'Next, on your own app:',
    `  1. See it live: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick`,
    `     ${ext ?? 'the dist/extension folder of mesop-devtools (build it with `node scripts/build.mjs`)'}`,
    '     then open DevTools on your Mesop page: the "Mesop" tab shows every event.',
    '  2. Guard it in CI: mesop-devtools check --command "mesop main.py --port {port}"',
    '     (without a config it checks the recommended preset; budgets, flows, reports: mesop-devtools help check)',
    `  3. Read a recording: mesop-devtools analyze ${har}   (or a HAR you export from DevTools > Network)`,
    '',
  ].join('\n');
}
