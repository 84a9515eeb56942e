/**
 * The core's one door (scripts/lint/import-areas.mjs): the CLI, the panel, the extension and the
 * Playwright entry reach src/core only through src/core/index.ts, and the core's own files never
 * go through it. The rules module is ESM, so a child node answers for it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** [file, import specifier, type-only] -> the rule's reason, or null when the import is allowed. */
function violations(cases: [string, string, boolean][]): (string | null)[] {
  const script = `
    import { importViolation } from './scripts/lint/import-areas.mjs';
    const cases = JSON.parse(process.argv[1]);
    console.log(JSON.stringify(cases.map(([f, s, t]) => importViolation(f, s, t) ?? null)));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as (string | null)[];
}

test('outer areas import the core through its index only', () => {
  const [cliIndex, cliDeep, panelIndex, panelDeepType, workerDeep, extensionDeep, playwrightDeep] = violations([
    ['src/cli/commands/check.ts', '../../core', false],
    ['src/cli/commands/check.ts', '../../core/budget/metrics', false],
    ['panel/app/use-analysis.ts', '../../src/core', true],
    ['panel/app/use-analysis.ts', '../../src/core/report/report-types', true],
    ['panel/worker/analysis-engine.ts', '../../src/core/analyze', false],
    ['src/extension/main-world-hook.ts', '../core/capture/ui-path', false],
    ['src/playwright/test-capture.ts', '../core/capture/har', false],
  ]);
  expect(cliIndex).toBeNull();
  expect(panelIndex).toBeNull();
  expect(cliDeep).toBe('src/cli reaches the core only through src/core/index.ts');
  expect(panelDeepType).toBe('panel reaches the core only through src/core/index.ts');
  expect(workerDeep).toBe('panel reaches the core only through src/core/index.ts');
  expect(extensionDeep).toBe('src/extension reaches the core only through src/core/index.ts');
  expect(playwrightDeep).toBe('src/playwright reaches the core only through src/core/index.ts');
});

test('core files import each other directly, never through the index', () => {
  const [deep, viaIndex, viaIndexFile] = violations([
    ['src/core/budget/metrics.ts', '../session/event', false],
    ['src/core/analyze.ts', './index', false],
    ['src/core/budget/metrics.ts', '..', false],
  ]);
  expect(deep).toBeNull();
  expect(viaIndex).toBe('files inside src/core import each other directly, not through src/core/index.ts');
  expect(viaIndexFile).toBe('files inside src/core import each other directly, not through src/core/index.ts');
});
