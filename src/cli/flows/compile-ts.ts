import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { UserError, USER_ERRORS } from '../user-error';

export const TS_EXT = ['.ts', '.mts', '.cts'];

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
}

/**
 * esbuild is looked up at run time, first beside mesop-devtools, then in the user's project (a
 * TypeScript project has it more often than not), so a CLI without it still runs every JSON and JS
 * flow. A string passed to createRequire is not seen by the bundler, which keeps esbuild out of the
 * CLI bundle.
 */
function loadEsbuild(flowFile: string): EsbuildApi {
  for (const from of [__filename, flowFile]) {
    try {
      return createRequire(from)('esbuild') as EsbuildApi;
    } catch {
      /* try the next place */
    }
  }
  throw new UserError(
    USER_ERRORS.BAD_CONFIG,
    `${flowFile}: TypeScript flow modules are compiled with esbuild, which is not installed`,
    'npm install --save-dev esbuild, or compile the flow to .js first',
  );
}

/**
 * A `.ts`/`.mts`/`.cts` flow module compiled on the fly to CommonJS and loaded as if it were the
 * file itself: its relative imports are bundled in, its packages (puppeteer-core, ...) resolve from
 * its own directory. Type errors are not checked (esbuild strips types), as `tsx` and `ts-node
 * --transpile-only` do.
 */
export function requireTypeScript(file: string): unknown {
  const esbuild = loadEsbuild(file);
  let out;
  try {
    out = esbuild.buildSync({
      entryPoints: [file],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      write: false,
      sourcemap: 'inline',
      logLevel: 'silent',
    });
  } catch (e) {
    // esbuild's message starts "Build failed with 1 error:"; the first error with its place says more.
    const first = (
      e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }
    ).errors?.[0];
    if (!first) throw e;
    const at = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    throw new Error(`${at}${first.text}`);
  }
  const mod = new Module(file) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  mod._compile(out.outputFiles[0]!.text, file);
  return mod.exports;
}
