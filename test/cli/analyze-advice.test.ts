/** `mesop-devtools analyze` with findings and budgets: output and exit codes 0 / 1 / 2, in-process. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import type { PayloadReport } from '../../src/core/report/report-types';
import { fakeProcess } from '../support/fake-process';
import { FIXTURES_DIR, oracle } from '../support/fixture-analysis';

const har = (name: string) => join(FIXTURES_DIR, `${name}.har`);
const project = (config?: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), 'mdt-analyze-'));
  writeFileSync(join(dir, 'package.json'), '{}');
  if (config !== undefined) writeFileSync(join(dir, 'mesop-devtools.config.json'), JSON.stringify(config));
  return dir;
};
const analyze = async (args: string[], cwd = project()) => {
  const p = fakeProcess(['analyze', ...args], cwd);
  const code = await run(p.proc);
  return { code, out: p.stdout(), err: p.stderr() };
};

describe('analyze: findings', () => {
  it('prints the findings under the table, most severe first, with the .env lines', async () => {
    const { code, out, err } = await analyze([har('image'), '--deployment', 'multi-process']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const table = out.indexOf('biggest field');
    const error = out.indexOf('ERROR Every event uploads the full state');
    const warn = out.indexOf('WARN  state class #1, `image_data_url` holds PNG image');
    expect(table).toBeGreaterThan(-1);
    expect(error).toBeGreaterThan(table);
    expect(warn).toBeGreaterThan(error);
    expect(out).toContain(
      '      .env:\n        MESOP_STATE_SESSION_BACKEND=file\n        MESOP_STATE_SESSION_BACKEND_FILE_BASE_DIR=/var/tmp/mesop-sessions\n',
    );
  });

  it('--json carries findings and (empty) budgets', async () => {
    const { code, out } = await analyze([har('chat'), '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as PayloadReport;
    expect(report.findings.map((f) => f.id)).toEqual(['growing-field:1:history']);
    expect(report.findings[0]!.evidence.numbers.lastBytes).toBe(
      oracle('chat').events[14]!.mirror.fieldBytes![0]!.history,
    );
    expect(report.budgets).toEqual([]);
  });

  it('takes the deployment from the config, and --deployment wins over it', async () => {
    const cwd = project({ deployment: 'multi-instance' });
    const fromConfig = JSON.parse((await analyze([har('image'), '--json'], cwd)).out) as PayloadReport;
    expect(fromConfig.findings[0]!.envLines[0]).toBe('MESOP_STATE_SESSION_BACKEND=sql');
    const fromFlag = JSON.parse(
      (await analyze([har('image'), '--json', '--deployment', 'single-process'], cwd)).out,
    ) as PayloadReport;
    expect(fromFlag.findings[0]!.envLines).toEqual(['MESOP_STATE_SESSION_BACKEND=memory']);
  });
});

describe('analyze: the session backend', () => {
  const serverSide = (out: string) =>
    (JSON.parse(out) as PayloadReport).findings.find((f) => f.ruleId === 'backend-already-on')!.advice;

  it('is named only when told: the config\'s "backend", and --backend wins over it', async () => {
    expect(serverSide((await analyze([har('chat-file'), '--json'])).out)).toMatch(
      /in RAM per process with the memory backend .* file, sql or firestore/,
    );
    const cwd = project({ backend: 'sql' });
    expect(serverSide((await analyze([har('chat-file'), '--json'], cwd)).out)).toMatch(/^.*the sql backend stores/);
    expect(serverSide((await analyze([har('chat-file'), '--json', '--backend', 'file'], cwd)).out)).toMatch(
      /the file backend writes/,
    );
  });

  it('a misspelt --backend is a one-line usage error', async () => {
    const { code, out, err } = await analyze([har('chat-file'), '--backend', 'fiel']);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toBe(
      'mesop-devtools: unknown --backend "fiel" (did you mean "file"? use one of: memory, file, sql, firestore)\n',
    );
  });
});

describe('analyze: budgets and exit codes', () => {
  it('exits 1 when an error budget fails (--budget file) and says which', async () => {
    const cwd = project();
    writeFileSync(join(cwd, 'budget.json'), JSON.stringify({ budgets: { preset: 'recommended' } }));
    const { code, out } = await analyze([har('image'), '--budget', 'budget.json'], cwd);
    expect(code).toBe(1);
    expect(out).toContain('Budgets: ');
    expect(out).toContain('FAIL  request-bytes: 1.4 MB at event #2 is over the 1.0 MB budget by 427 kB [error]');
    expect(out).toContain('WARN  upload-state-bytes: 1.1 MB at event #2 is over the 100 kB budget');
    expect(out).toContain('config: budget.json');
  });

  it('exits 0 when only warn budgets fail, and --json has the results', async () => {
    const cwd = project({ budgets: { assertions: { 'request-bytes': ['warn', { max: '1 kB' }] } } });
    const { code, out } = await analyze([har('chat'), '--json'], cwd);
    expect(code).toBe(0);
    const report = JSON.parse(out) as PayloadReport;
    expect(report.budgets).toHaveLength(1);
    expect(report.budgets[0]).toMatchObject({
      id: 'request-bytes',
      level: 'warn',
      passed: false,
      expected: 1000,
      actual: 2228,
    });
  });

  it('exits 0 when every budget holds (discovered config)', async () => {
    const { code, out } = await analyze([har('chat')], project({ budgets: { preset: 'recommended' } }));
    expect(code).toBe(0);
    expect(out).toMatch(/Budgets: \d+ passed, 0 warning\(s\), 0 failed/);
  });

  it('exits 2 with one line on a config typo, naming the key path and the valid options', async () => {
    const cwd = project({ budgets: { assertions: { 'request-bytes': ['error', { max: '250 kb' }] } } });
    const { code, out, err } = await analyze([har('chat')], cwd);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      'mesop-devtools: mesop-devtools.config.json: budgets.assertions.request-bytes[1].max: unknown size unit "kb" in "250 kb" ' +
        '(did you mean "250 kB"? valid units: B, kB, MB, GB, KiB, MiB, GiB (case matters: kB = 1000 bytes, KiB = 1024))\n',
    );
  });

  it('exits 2 on an unknown metric, a bad --deployment, a missing --budget file or one without budgets', async () => {
    const unknown = await analyze([har('chat')], project({ budgets: { assertions: { 'request-size': 'error' } } }));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('budgets.assertions.request-size: unknown key "request-size"');
    expect(unknown.err).toContain('valid keys: request-bytes,');

    const deployment = await analyze([har('chat'), '--deployment', 'single']);
    expect(deployment).toMatchObject({ code: 2, err: expect.stringContaining('unknown --deployment "single"') });

    const missing = await analyze([har('chat'), '--budget', 'nope.json']);
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('cannot read config nope.json: ENOENT') });

    const cwd = project();
    writeFileSync(join(cwd, 'b.json'), JSON.stringify({ deployment: 'single-process' }));
    const noBudgets = await analyze([har('chat'), '--budget', 'b.json'], cwd);
    expect(noBudgets).toMatchObject({ code: 2, err: expect.stringContaining('b.json has no "budgets" key') });
  });
});
