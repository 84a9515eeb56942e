/** Flow files and steps without a browser: parsing, validation messages, Recorder conversion, progress modes. */
import { rmSync } from 'node:fs';
import { createProgress, progressMode } from '../../src/cli/check/progress';
import { loadFlows } from '../../src/cli/flows/load-flows';
import type { StepsFlow } from '../../src/cli/flows/flow-types';
import { parseSteps } from '../../src/cli/flows/parse-steps';
import { recordingSteps } from '../../src/cli/flows/recorder';
import { UserError } from '../../src/cli/user-error';
import { fakeProcess } from '../support/fake-process';
import { project } from './check-support';

const collect = () => {
  const errors: string[] = [];
  return {
    errors,
    report: (path: string, message: string, fix: string) => errors.push(`${path}: ${message} (${fix})`),
  };
};

it('turns declarative steps into Puppeteer selectors and settle rules', () => {
  const { errors, report } = collect();
  const steps = parseSteps(
    [
      { goto: '/chat' },
      { click: 'Send "now"' },
      { click: { role: 'button', name: 'Send' }, expectRequests: 2 },
      { type: { selector: 'input' }, text: 'Hi' },
      { upload: { selector: 'input[type=file]' }, file: 'cat.png' },
      { press: 'Enter', settle: false },
    ],
    'steps',
    '/proj',
    report,
  );
  expect(errors).toEqual([]);
  expect(steps.map((s) => [s.label, s.settle])).toEqual([
    ['goto /chat', true],
    ['click text "Send \\"now\\""', true],
    ['click button "Send"', true],
    ['type "Hi" into selector "input"', false],
    ['upload 1 file(s) into selector "input[type=file]"', true],
    ['press Enter', false],
  ]);
  expect(steps[1]!.action).toMatchObject({ target: { selectors: ['::-p-text("Send \\"now\\"")'] } });
  expect(steps[2]!.action).toMatchObject({ target: { selectors: ['::-p-aria([role="button"][name="Send"])'] } });
  expect(steps[2]!.expectRequests).toBe(2);
  expect(steps[4]!.action).toMatchObject({ files: ['/proj/cat.png'] });
});

it('names the key path and a fix for every mistake', () => {
  const { errors, report } = collect();
  parseSteps(
    [
      { clik: 'Send' },
      { click: 'a', type: { selector: 'b' } },
      { type: { selector: 'input' } },
      { click: { css: 'x' } },
      { goto: 'chat' },
      { click: 'x', timeout: 5 },
    ],
    'flows[0].steps',
    '/',
    report,
  );
  expect(errors).toEqual([
    expect.stringMatching(/^flows\[0\]\.steps\[0\]: no action in this step \(did you mean "click"\?/),
    expect.stringMatching(/^flows\[0\]\.steps\[1\]: a step has one action, found click and type/),
    expect.stringMatching(/^flows\[0\]\.steps\[2\]\.text: a type step needs "text"/),
    expect.stringMatching(/^flows\[0\]\.steps\[3\]\.click: unknown target key "css"/),
    expect.stringMatching(/^flows\[0\]\.steps\[4\]\.goto: expected a path starting with "\/"/),
    expect.stringMatching(
      /^flows\[0\]\.steps\[5\]\.timeout: unknown option "timeout" for a click step \(did you mean "timeoutMs"\?/,
    ),
  ]);
});

it('converts a DevTools Recorder export, keeping its step numbers', () => {
  const { errors, report } = collect();
  const steps = recordingSteps(
    {
      steps: [
        { type: 'setViewport', width: 800, height: 600 },
        { type: 'navigate', url: 'https://staging.example.com/chat?x=1#top' },
        {
          type: 'click',
          selectors: [
            ['aria/Send[role="button"]'],
            ['#send'],
            ['xpath///button'],
            ['pierce/#send'],
            ['text/Send'],
            ['my-el', 'button'],
          ],
        },
        { type: 'change', value: 'Hello', selectors: ['input'] },
        { type: 'keyDown', key: 'Enter' },
        { type: 'keyUp', key: 'Enter' },
        { type: 'customStep', name: 'x' },
        { type: 'click', target: 'popup', selectors: [['#x']] },
      ],
    },
    'recording',
    report,
  );
  expect(steps.map((s) => s.action.kind)).toEqual(['viewport', 'goto', 'click', 'type', 'keyDown', 'keyUp']);
  expect(steps[1]!.action).toEqual({ kind: 'goto', path: '/chat?x=1#top' });
  expect(steps[2]!.action).toMatchObject({
    target: {
      selectors: [
        '::-p-aria(Send[role="button"])',
        '#send',
        '::-p-xpath(//button)',
        'pierce/#send',
        '::-p-text(Send)',
        'my-el >>> button',
      ],
    },
  });
  expect(steps.map((s) => s.settle)).toEqual([false, true, true, false, false, true]);
  expect(errors).toEqual([
    expect.stringMatching(/^recording\.steps\[6\]: unsupported Recorder step type "customStep"/),
    expect.stringMatching(/^recording\.steps\[7\]: step 8 \(click\) acts in another target or frame/),
  ]);
});

it('loads flows from the config and from files, as one BAD_CONFIG line when something is wrong', async () => {
  const dir = project({
    'flows/a.json': [
      { name: 'a', steps: [{ goto: '/' }] },
      { name: 'b', start: '/x', steps: [{ click: 'Go' }] },
    ],
    'flows/rec.json': { title: 'recorded', steps: [{ type: 'navigate', url: 'http://localhost:1/' }] },
    'flows/mod.js': 'module.exports = async () => {};',
    'flows/nofn.js': 'module.exports = { nothing: 1 };',
  });
  try {
    const where = { file: 'c.json', baseDir: dir, cwd: dir };
    const flows = await loadFlows(
      ['flows/a.json', { name: 'r', recording: 'flows/rec.json' }, { name: 'm', module: 'flows/mod.js' }],
      where,
      [],
      {},
    );
    expect(flows.map((f) => [f.name, f.kind, f.start])).toEqual([
      ['a', 'steps', '/'],
      ['b', 'steps', '/x'],
      ['r', 'steps', '/'],
      ['m', 'module', '/'],
    ]);
    expect((flows[2] as StepsFlow).steps[0]!.action).toEqual({ kind: 'goto', path: '/' });
    const fromCli = await loadFlows(
      [{ name: 'ignored', steps: [{ goto: '/' }] }],
      where,
      ['flows/rec.json', 'flows/mod.js'],
      {},
    );
    expect(fromCli.map((f) => f.name)).toEqual(['recorded', 'mod']);

    const bad = (flowsValue: unknown[], files: string[] = []) =>
      loadFlows(flowsValue, where, files, {}).then(
        () => '',
        (e: UserError) => e.line(),
      );
    expect(await bad([{ name: 'x', steps: [{ goto: '/' }], moduel: 'y' }])).toMatch(
      /^mesop-devtools: c\.json: flows\[0\]\.moduel: unknown key "moduel" \(did you mean "module"\?/,
    );
    expect(
      await bad([
        { name: 'x', steps: [{ goto: '/' }] },
        { name: 'x', steps: [{ goto: '/' }] },
      ]),
    ).toMatch(/two flows are named "x"/);
    expect(await bad([], ['flows/nofn.js'])).toMatch(
      /flows\/nofn\.js: \(top level\): flows\/nofn\.js exports no flow function/,
    );
    expect(await bad([], ['flows/none.json'])).toMatch(/cannot read the flow file: ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('shows progress per step on a terminal, plain lines in CI, nothing with --json', () => {
  const tty = fakeProcess([], '/', {});
  (tty.proc.stderr as { isTTY?: boolean }).isTTY = true;
  expect(progressMode(tty.proc, false)).toBe('tty');
  expect(progressMode(tty.proc, true)).toBe('quiet');
  expect(progressMode(fakeProcess([], '/', { CI: 'true' }).proc, false)).toBe('plain');
  const p = createProgress(tty.proc, 'tty');
  p.step('chat', ' run 1/3', 0, 4, 'click text "Send"');
  p.flowDone('✓ chat run 1/3: 5 events, 1.2 s');
  expect(tty.stderr()).toBe(
    '\r\x1b[K  chat run 1/3 · step 1/4 · click text "Send"\r\x1b[K✓ chat run 1/3: 5 events, 1.2 s\n',
  );
  const ci = fakeProcess([], '/', { CI: 'true' });
  const q = createProgress(ci.proc, 'plain');
  q.step('chat', '', 0, 4, 'x');
  q.flowDone('✓ chat: 5 events');
  expect(ci.stderr()).toBe('✓ chat: 5 events\n');
});

it("reads a Recorder recording embedded in the config (the Mesop tab's Recorder export), and says when it is not one", async () => {
  const dir = project({});
  try {
    const where = { file: 'c.json', baseDir: dir, cwd: dir };
    const recording = {
      title: 'embedded',
      steps: [
        { type: 'navigate', url: 'http://localhost:1/chat' },
        { type: 'click', selectors: [['aria/Send']] },
      ],
    };
    const flows = await loadFlows([{ name: 'r', recording }], where, [], {});
    expect(flows.map((f) => [f.name, f.kind, f.source])).toEqual([['r', 'steps', 'c.json flows[0]']]);
    expect((flows[0] as StepsFlow).steps.map((s) => s.action.kind)).toEqual(['goto', 'click']);
    await expect(loadFlows([{ name: 'r', recording: { steps: [] } }], where, [], {})).rejects.toThrow(
      /c\.json: flows\[0\]\.recording: not a Chrome DevTools Recorder recording/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
