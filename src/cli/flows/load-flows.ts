import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ConfigError, didYouMean, formatConfigError, keyPath } from '../../core';
import { UserError, USER_ERRORS } from '../user-error';
import type { Flow, FlowFunction } from './flow-types';
import { parseSteps, STEP_EXAMPLES, type Report } from './parse-steps';
import { isRecording, recordingSteps } from './recorder';
import { requireTypeScript, TS_EXT } from './compile-ts';

/** Keys of one entry of `flows` (config) or of a flow file. */
const FLOW_KEYS = ['name', 'steps', 'module', 'recording', 'start', 'timeoutMs'] as const;
const MODULE_EXT = ['.js', '.cjs', '.mjs', ...TS_EXT];
export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

interface Where {
  file: string;
  baseDir: string;
  cwd: string;
}

/**
 * Flows from the config's `flows` (objects, or paths of flow files) and from `--flow` files.
 * Every problem becomes one BAD_CONFIG line naming the file, the key path and a fix.
 */
export async function loadFlows(
  configFlows: unknown[] | undefined,
  where: Where,
  flowFiles: string[],
  defaults: { timeoutMs?: number },
): Promise<Flow[]> {
  const errors: ConfigError[] = [];
  const out: Flow[] = [];
  const timeoutMs = defaults.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  if (flowFiles.length) {
    for (const f of flowFiles) out.push(...(await loadFlowFile(resolve(where.cwd, f), where.cwd, errors, timeoutMs)));
  } else {
    for (const [i, entry] of (configFlows ?? []).entries()) {
      const path = keyPath('flows', i);
      const report: Report = (p, message, fix) => errors.push({ file: where.file, path: p, message, fix });
      if (typeof entry === 'string')
        out.push(...(await loadFlowFile(resolve(where.baseDir, entry), where.cwd, errors, timeoutMs)));
      else {
        const flow = await flowFromObject(
          entry,
          path,
          where.baseDir,
          `${where.file} ${path}`,
          report,
          timeoutMs,
          undefined,
        );
        if (flow) out.push(flow);
      }
    }
  }
  const seen = new Set<string>();
  for (const f of out) {
    if (seen.has(f.name))
      errors.push({
        file: where.file,
        path: 'flows',
        message: `two flows are named "${f.name}"`,
        fix: 'give each flow its own "name"',
      });
    seen.add(f.name);
  }
  if (errors.length) {
    const [first, ...rest] = errors;
    const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    throw new UserError(USER_ERRORS.BAD_CONFIG, `${formatConfigError({ ...first!, fix: '' })}${more}`, first!.fix);
  }
  return out;
}

async function loadFlowFile(file: string, cwd: string, errors: ConfigError[], timeoutMs: number): Promise<Flow[]> {
  const shown = relative(cwd, file).startsWith('..') ? file : relative(cwd, file);
  const report: Report = (path, message, fix) => errors.push({ file: shown, path, message, fix });
  const name = basename(file, extname(file));
  if (MODULE_EXT.includes(extname(file))) {
    const flow = await moduleFlow(file, shown, name, report, timeoutMs, '/');
    return flow ? [flow] : [];
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    report(
      '',
      code ? `cannot read the flow file: ${code}` : `not valid JSON: ${(e as Error).message}`,
      'a flow file is JSON (steps or a Recorder export) or a .js/.cjs/.mjs/.ts/.mts module',
    );
    return [];
  }
  if (isRecording(raw)) {
    const rec = raw as { title: string; steps: unknown[] };
    const steps = recordingSteps(rec, '', report);
    return [{ kind: 'steps', name: rec.title || name, source: shown, start: '/', timeoutMs, steps }];
  }
  const entries = Array.isArray(raw) ? raw : [raw];
  const flows: Flow[] = [];
  for (const [i, entry] of entries.entries()) {
    const flow = await flowFromObject(
      entry,
      Array.isArray(raw) ? keyPath('', i) : '',
      dirname(file),
      shown,
      report,
      timeoutMs,
      entries.length === 1 ? name : undefined,
    );
    if (flow) flows.push(flow);
  }
  return flows;
}

async function flowFromObject(
  raw: unknown,
  path: string,
  baseDir: string,
  source: string,
  report: Report,
  defaultTimeout: number,
  defaultName: string | undefined,
): Promise<Flow | undefined> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return void report(
      path,
      'a flow is an object or the path of a flow file',
      `e.g. {"name": "chat", "steps": [${STEP_EXAMPLES}]}`,
    );
  }
  const f = raw as Record<string, unknown>;
  let ok = true;
  for (const k of Object.keys(f)) {
    if ((FLOW_KEYS as readonly string[]).includes(k)) continue;
    const guess = didYouMean(k, FLOW_KEYS);
    report(
      keyPath(path, k),
      `unknown key "${k}"`,
      `${guess ? `did you mean "${guess}"? ` : ''}valid keys: ${FLOW_KEYS.join(', ')}`,
    );
    ok = false;
  }
  const name = typeof f.name === 'string' && f.name ? f.name : defaultName;
  if (!name) {
    report(keyPath(path, 'name'), 'a flow needs a "name"', 'e.g. "name": "send two messages"');
    ok = false;
  }
  const start = f.start === undefined ? '/' : f.start;
  if (typeof start !== 'string' || !start.startsWith('/')) {
    report(keyPath(path, 'start'), 'expected a path starting with "/"', 'e.g. "start": "/chat"');
    ok = false;
  }
  const timeoutMs = f.timeoutMs === undefined ? defaultTimeout : f.timeoutMs;
  if (!Number.isInteger(timeoutMs) || (timeoutMs as number) <= 0) {
    report(keyPath(path, 'timeoutMs'), 'expected a whole number of ms > 0', 'e.g. "timeoutMs": 10000');
    ok = false;
  }
  const kinds = (['steps', 'module', 'recording'] as const).filter((k) => f[k] !== undefined);
  if (kinds.length !== 1) {
    report(
      path,
      kinds.length
        ? `a flow has one of steps, module, recording; found ${kinds.join(' and ')}`
        : 'a flow needs "steps", "module" or "recording"',
      `e.g. "steps": [${STEP_EXAMPLES}]`,
    );
    return undefined;
  }
  const base = { name: name ?? '', source, start: start as string, timeoutMs: timeoutMs as number };
  if (kinds[0] === 'steps') {
    const steps = parseSteps(f.steps, keyPath(path, 'steps'), baseDir, report);
    return ok ? { kind: 'steps', ...base, steps } : undefined;
  }
  const file = f[kinds[0]!];
  // A recording embedded as it is (what the Mesop tab's Recorder export writes): the config is the whole check.
  if (kinds[0] === 'recording' && typeof file === 'object' && file !== null && !Array.isArray(file)) {
    if (!isRecording(file))
      return void report(
        keyPath(path, 'recording'),
        'not a Chrome DevTools Recorder recording (it needs "title" and "steps")',
        'export it from DevTools > Recorder > Export > JSON, or give the path of that file',
      );
    const steps = recordingSteps(file as { steps: unknown[] }, keyPath(path, 'recording'), report);
    return ok ? { kind: 'steps', ...base, steps } : undefined;
  }
  if (typeof file !== 'string' || !file)
    return void report(
      keyPath(path, kinds[0]!),
      kinds[0] === 'recording' ? 'expected a file path or a Recorder recording' : 'expected a file path',
      'relative to the config file',
    );
  const abs = isAbsolute(file) ? file : resolve(baseDir, file);
  if (kinds[0] === 'module') {
    if (!MODULE_EXT.includes(extname(abs)))
      return void report(
        keyPath(path, 'module'),
        `${file} is not a .js, .cjs, .mjs, .ts, .mts or .cts module`,
        'rename it, or point at the compiled file',
      );
    const flow = await moduleFlow(
      abs,
      file,
      base.name,
      (p, m, x) => report(keyPath(path, 'module') + p, m, x),
      base.timeoutMs,
      base.start,
    );
    return ok && flow ? { ...flow, name: base.name } : undefined;
  }
  let rec: unknown;
  try {
    rec = JSON.parse(await readFile(abs, 'utf8'));
  } catch (e) {
    return void report(
      keyPath(path, 'recording'),
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      'export it from DevTools > Recorder > Export > JSON',
    );
  }
  if (!isRecording(rec))
    return void report(
      keyPath(path, 'recording'),
      `${file} is not a Chrome DevTools Recorder export`,
      'export it from DevTools > Recorder > Export > JSON',
    );
  const steps = recordingSteps(rec as { steps: unknown[] }, keyPath(path, 'recording'), report);
  return ok ? { kind: 'steps', ...base, source: file, steps } : undefined;
}

/** A module flow: `module.exports = async ({page, goto, settle, waitForIdle}) => {...}`, a default export, or `{run}`. */
async function moduleFlow(
  file: string,
  shown: string,
  name: string,
  report: Report,
  timeoutMs: number,
  start: string,
): Promise<Flow | undefined> {
  let mod: unknown;
  try {
    // .mjs needs the real import(); CommonJS modules load with a require rooted at the file.
    mod = TS_EXT.includes(extname(file))
      ? requireTypeScript(file)
      : extname(file) === '.mjs'
        ? await import(pathToFileURL(file).href)
        : createRequire(file)(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    return void report(
      '',
      `cannot load flow module ${shown}: ${(e as Error).message.split('\n')[0]}`,
      'check the path and that it runs under node',
    );
  }
  const m = mod as { default?: unknown; run?: unknown; name?: unknown };
  const fn = [mod, m.default, m.run, (m.default as { run?: unknown } | undefined)?.run].find(
    (x) => typeof x === 'function',
  ) as FlowFunction | undefined;
  if (!fn)
    return void report(
      '',
      `${shown} exports no flow function`,
      'write module.exports = async ({ page, goto, settle, waitForIdle }) => { ... }',
    );
  return { kind: 'module', name, source: shown, start, timeoutMs, file, run: fn };
}
