import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found from the running file (dist/cli/… when built, src/cli/… under jest),
 * so the CLI finds the bundled sample apps and the pinned virtualenv wherever it is started from.
 */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'python'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the mesop-devtools checkout above ${from}`);
    dir = up;
  }
  return dir;
}

export const venvMesop = (root: string): string => join(root, '.venv/bin/mesop');
export const sampleApp = (root: string, name: string): string => join(root, 'test/apps', name);

/** The sample app `demo` runs, shipped in the package: demo/demo_app.py above the running file. */
export function demoApp(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const app = join(dir, 'demo/demo_app.py');
    if (existsSync(app)) return app;
    if (dirname(dir) === dir)
      throw new Error(`cannot find demo/demo_app.py above ${from}: the mesop-devtools install is incomplete`);
  }
}

/** The unpacked extension (load it in chrome://extensions), next to the CLI's dist/cli/ when built. */
export function extensionDir(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'dist/extension/manifest.json');
    if (existsSync(manifest)) return dirname(manifest);
    if (dirname(dir) === dir) return undefined;
  }
}
