// Jest transform that compiles TypeScript/TSX with esbuild (already a build dependency).
// Why not ts-jest or @swc/jest: ts-jest does not support TypeScript 7, and @swc/core's platform
// binaries are not all on the registry this project installs from, which breaks `npm ci`.
// Type checking is `npm run typecheck`'s job; this only strips types.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.tsx') ? 'tsx' : filename.endsWith('.ts') ? 'ts' : 'js';
    const out = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      jsx: 'automatic',
      jsxImportSource: 'preact',
    });
    return { code: out.code };
  },
};
