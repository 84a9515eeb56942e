// The import rules of the README's Architecture section, in one place: who may import whom, and
// which packages each execution context may use. Read by the ESLint rule (eslint-plugin.mjs, in
// `npm run lint` and editors) and by the stand-alone walker scripts/check-imports.mjs.
import { builtinModules } from 'node:module';
import { dirname, posix } from 'node:path';

/** area -> { areas it may import, packages it may import } */
export const RULES = {
  'src/core': { areas: ['src/core'], packages: ['@bufbuild/protobuf'] },
  'src/extension': { areas: ['src/core', 'src/extension'], packages: ['webextension-polyfill'] },
  panel: {
    areas: ['src/core', 'src/extension/protocol', 'panel'],
    packages: ['preact', 'chart.js', 'webextension-polyfill'],
  },
  'src/cli': { areas: ['src/core', 'src/cli'], packages: ['node:', 'puppeteer-core', 'ws', ...builtinModules] },
  // The MCP server is bundled on its own (scripts/build.mjs): only it may use the MCP SDK and zod.
  'src/cli/mcp': {
    areas: ['src/core', 'src/cli'],
    packages: ['node:', '@modelcontextprotocol/sdk', 'zod', ...builtinModules],
  },
  // Runs inside the user's Playwright Test: the CLI's capture and check pieces, Playwright as a peer.
  'src/playwright': {
    areas: ['src/core', 'src/cli', 'src/playwright'],
    packages: ['node:', '@playwright/test', ...builtinModules],
  },
};

/** The longest (most specific) area that holds `rel` (a path relative to the repository, with `/`). */
export const areaOf = (rel) =>
  Object.keys(RULES)
    .filter((a) => rel === a || rel.startsWith(`${a}/`))
    .sort((x, y) => y.length - x.length)[0];

/**
 * Why `fileRel` may not import `spec`, or undefined when it may. `fileRel` is relative to the
 * repository root with `/` separators; `typeOnly` is true for `import type` / `export type`.
 */
export function importViolation(fileRel, spec, typeOnly) {
  const area = areaOf(fileRel);
  if (!area) return undefined;
  const rule = RULES[area];
  if (spec.startsWith('.')) {
    const rel = posix.normalize(posix.join(dirname(fileRel).split('\\').join('/'), spec));
    if (rel === 'package.json') return undefined; // the version string, inlined by esbuild
    if (/^(test|scripts)\//.test(rel)) return 'src/ and panel/ never import test/ or scripts/';
    const ok = rule.areas.some((a) => rel === a || rel.startsWith(`${a}/`) || rel === `${a}.ts`);
    if (!ok) return `${area} may import only ${rule.areas.join(', ')}`;
    // src/core/index.ts is the core's one door: the outer areas use nothing else of it, and the
    // core's own files never use it (they import each other directly, so the index makes no cycle).
    const isCoreIndex = rel === 'src/core' || rel === 'src/core/index';
    if (area === 'src/core' && isCoreIndex)
      return 'files inside src/core import each other directly, not through src/core/index.ts';
    if (area !== 'src/core' && rel.startsWith('src/core/') && !isCoreIndex)
      return `${area} reaches the core only through src/core/index.ts`;
    // panel may take only types and constants from the extension's protocol file
    if (area === 'panel' && rel.startsWith('src/extension/') && !typeOnly && !rel.endsWith('protocol')) {
      return 'panel takes only types and constants from src/extension/protocol.ts';
    }
    return undefined;
  }
  const ok = rule.packages.some(
    (p) => spec === p || spec.startsWith(p.endsWith(':') ? p : `${p}/`) || spec.startsWith(p),
  );
  if (!ok) return `${area} may use packages: ${rule.packages.filter((p) => !builtinModules.includes(p)).join(', ')}`;
  return undefined;
}
