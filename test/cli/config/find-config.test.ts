import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfig } from '../../../src/cli/config/find-config';
import { resolveConfig } from '../../../src/cli/config/load-config';
import { UserError } from '../../../src/cli/user-error';
import { fakeProcess } from '../../support/fake-process';

const project = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mdt-config-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app' }));
  return dir;
};

describe('config discovery', () => {
  it('tries the names in order in each directory, going up to the project root', async () => {
    const root = project();
    const sub = join(root, 'app', 'pages');
    mkdirSync(sub, { recursive: true });
    expect(await findConfig(sub)).toBeUndefined();
    writeFileSync(join(root, '.mesop-devtoolsrc'), '{}');
    expect(await findConfig(sub)).toEqual({ path: join(root, '.mesop-devtoolsrc') });
    writeFileSync(join(root, 'mesop-devtools.config.json'), '{}');
    expect(await findConfig(sub)).toEqual({ path: join(root, 'mesop-devtools.config.json') });
  });

  it('reads the "mesop-devtools" key of package.json', async () => {
    const root = project();
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'app', 'mesop-devtools': { deployment: 'single-process' } }),
    );
    const loaded = await resolveConfig(fakeProcess([], root).proc);
    expect(loaded).toEqual({
      file: 'package.json',
      config: { deployment: 'single-process', advice: { thresholds: {}, disabledRules: [] } },
    });
  });

  it('does not look above the project root', async () => {
    const outer = mkdtempSync(join(tmpdir(), 'mdt-outer-'));
    writeFileSync(join(outer, 'mesop-devtools.config.json'), '{}');
    const inner = join(outer, 'proj');
    mkdirSync(inner);
    writeFileSync(join(inner, 'package.json'), '{}');
    expect(await findConfig(inner)).toBeUndefined();
  });

  it('turns a bad config into one BAD_CONFIG line naming file, key path and fix', async () => {
    const root = project();
    writeFileSync(
      join(root, '.mesop-devtoolsrc.json'),
      JSON.stringify({ budgets: { assertions: { 'request-bytes': ['error', { maxx: '1 MB' }] } } }),
    );
    const error = await resolveConfig(fakeProcess([], root).proc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('bad-config');
    expect((error as UserError).line()).toBe(
      'mesop-devtools: .mesop-devtoolsrc.json: budgets.assertions.request-bytes[1].maxx: unknown option "maxx" (and 1 more problem) (did you mean "max"? valid options: max, maxIncrease)',
    );
  });

  it('reports invalid JSON with the file name', async () => {
    const root = project();
    writeFileSync(join(root, 'mesop-devtools.config.json'), '{ "budgets": ');
    await expect(resolveConfig(fakeProcess([], root).proc)).rejects.toMatchObject({
      code: 'bad-config',
      message: expect.stringMatching(/^mesop-devtools\.config\.json is not valid JSON/),
    });
  });
});
