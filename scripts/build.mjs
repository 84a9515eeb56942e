#!/usr/bin/env node
// The one build: esbuild bundles every execution context from one entry map.
//   node scripts/build.mjs            build dist/ (CLI, scripts, bench), dist/extension/ (Chrome) and
//                                     dist/extension-firefox/ (the same files, Firefox's manifest)
//   node scripts/build.mjs --watch    rebuild on change
//   node scripts/build.mjs --debug    unminified, DEBUG=true define (verbose logging in the extension)
//   node scripts/build.mjs --zip      also pack dist/mesop-devtools-extension.zip for the Web Store and
//                                     dist/mesop-devtools-firefox.zip for addons.mozilla.org (and --types)
//   node scripts/build.mjs --types    also write dist/types/ (declarations of mesop-devtools/playwright)
// It also writes dist/mesop-devtools.config.schema.json (the config's JSON Schema) and makes the
// CLI executable, so dist/ is what the npm package ships (see package.json "files").
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFirefoxEdition } from './firefox-edition.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const debug = args.has('--debug');
const watch = args.has('--watch');

/** Node programs: the CLI and the scripts that run with node. */
const nodeEntries = {
  'cli/mesop-devtools': 'src/cli/bin.ts',
  // Between `dev` and Mesop: stops Mesop when the CLI dies, even by SIGKILL (src/cli/dev/child-guard.ts).
  'cli/mesop-child-guard': 'src/cli/dev/child-guard-main.ts',
  // The MCP server (`mesop-devtools mcp`) with the MCP SDK and zod bundled in: its own file, which
  // only that command requires, so no other command loads or parses it (src/cli/commands/mcp.ts).
  'cli/mcp-server': 'src/cli/mcp/server.ts',
  'scripts/record-fixtures': 'scripts/record-fixtures.ts',
  'scripts/write-config-schema': 'scripts/write-config-schema.ts',
  'scripts/xhr-text-cost': 'scripts/xhr-text-cost.ts',
  'bench/bench': 'bench/bench.ts',
  'bench/check-overhead': 'bench/check-overhead.ts',
  'bench/idle-wait': 'bench/idle-wait.ts',
  'bench/load-bench': 'bench/load-bench.ts',
  'bench/panel-perf': 'bench/panel-perf.ts',
  'bench/observer-effect': 'bench/observer-effect.ts',
};

/** Browser programs: one per execution context of the extension (see src/extension/protocol.ts). */
const extensionEntries = {
  devtools: 'src/extension/devtools-page.ts',
  'service-worker': 'src/extension/service-worker.ts',
  'content-relay': 'src/extension/content-relay.ts',
  'main-world-hook': 'src/extension/main-world-hook.ts',
  panel: 'panel/main.tsx',
  'analysis-worker': 'panel/worker/analysis-worker.ts',
  'chart-worker': 'panel/worker/chart-worker.ts',
  // The Recorder's "Replay with budgets" view (docs/recorder-export.md).
  'recorder-view': 'panel/recorder-view/view-main.ts',
};

/** Static files copied into the unpacked extension. */
const extensionStatic = [
  'manifest.json',
  'src/extension/devtools.html',
  'panel/panel.html',
  'panel/panel.css',
  'panel/recorder-view/recorder-view.html',
  'icons',
];

/**
 * The panel in a plain page on a fixture transport (fast panel tests, screenshots of fixtures):
 * dist/panel-dev/, never part of the extension or its zip.
 */
const panelDevEntries = {
  fixture: 'panel/fixture-page/fixture-main.tsx',
  'analysis-worker': 'panel/worker/analysis-worker.ts',
  'chart-worker': 'panel/worker/chart-worker.ts',
};
const panelDevStatic = ['panel/fixture-page/fixture.html', 'panel/panel.css'];

/** The panel load generator's page script (bench/panel-load/), served by its Node server: dist/bench/. */
const benchPageEntries = {
  'panel-load-page': 'bench/panel-load/page.ts',
  'browser-decode-worker': 'bench/browser-decode/worker.ts',
};

const present = (entries) =>
  Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(join(root, src))));

/**
 * The core is pure: importing any of its files runs nothing but definitions. Telling esbuild so
 * lets each bundle keep only what it uses of src/core/index.ts, the core's one door (otherwise
 * a top-level `Object.keys(...)` counts as a side effect and the small extension scripts would
 * carry the whole core).
 */
const pureCore = {
  name: 'pure-core',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'pure-core') return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'pure-core',
      });
      if (r.errors.length > 0 || r.external || !r.path.startsWith(join(root, 'src/core/'))) return undefined;
      return { ...r, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  plugins: [pureCore],
  sourcemap: debug ? 'inline' : 'linked',
  minify: !debug,
  logLevel: 'warning',
  // The panel's one test hook (panel/debug-hook.ts): in what the tests load, never in the zip.
  define: { DEBUG: JSON.stringify(debug), PANEL_DEBUG_HOOK: JSON.stringify(!args.has('--zip')) },
  jsx: 'automatic',
  jsxImportSource: 'preact',
};

const nodeBuild = {
  ...common,
  minify: false,
  entryPoints: present(nodeEntries),
  outdir: join(root, 'dist'),
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // puppeteer-core is loaded from node_modules at run time (it is large and has optional parts).
  external: ['puppeteer-core'],
  banner: { js: '#!/usr/bin/env node' },
};

/**
 * The Playwright integration (`mesop-devtools/playwright`, `mesop-devtools/playwright-reporter`):
 * Node modules loaded by the user's Playwright Test, which brings `@playwright/test` (a peer
 * dependency: one copy, the user's, or its `test` and `expect` would not be the runner's).
 */
const playwrightBuild = {
  ...nodeBuild,
  entryPoints: present({
    'playwright/index': 'src/playwright/index.ts',
    'playwright/reporter': 'src/playwright/reporter.ts',
  }),
  external: ['puppeteer-core', '@playwright/test'],
  banner: {},
};

const extOut = join(root, 'dist/extension');
/** The Firefox edition: the same bundles, another manifest (scripts/firefox-edition.mjs). */
const firefoxOut = join(root, 'dist/extension-firefox');
const extensionBuild = {
  ...common,
  entryPoints: present(extensionEntries),
  outdir: extOut,
  platform: 'browser',
  target: 'chrome120',
  format: 'iife',
};

const devOut = join(root, 'dist/panel-dev');
const panelDevBuild = { ...extensionBuild, entryPoints: present(panelDevEntries), outdir: devOut };
const benchPageBuild = { ...extensionBuild, entryPoints: present(benchPageEntries), outdir: join(root, 'dist/bench') };

/** What only exists after the bundles: the executable bit (npm keeps it) and the generated schema. */
function finishNodeOutputs() {
  chmodSync(join(root, 'dist/cli/mesop-devtools.js'), 0o755);
  const r = spawnSync(process.execPath, [join(root, 'dist/scripts/write-config-schema.js'), join(root, 'dist')], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`writing the config schema failed (exit ${r.status ?? r.signal})`);
}

function copyStatic() {
  for (const [out, files] of [
    [extOut, extensionStatic],
    [devOut, panelDevStatic],
  ]) {
    mkdirSync(out, { recursive: true });
    for (const rel of files) {
      const src = join(root, rel);
      if (!existsSync(src)) continue;
      const base = rel.split('/').pop();
      cpSync(src, join(out, base), { recursive: true });
    }
  }
}

rmSync(extOut, { recursive: true, force: true });
rmSync(devOut, { recursive: true, force: true });
if (watch) {
  const ctxs = [
    await esbuild.context(nodeBuild),
    await esbuild.context(playwrightBuild),
    await esbuild.context(extensionBuild),
    await esbuild.context(panelDevBuild),
    await esbuild.context(benchPageBuild),
  ];
  copyStatic();
  writeFirefoxEdition(extOut, firefoxOut); // once: watch rebuilds only the Chrome edition
  await Promise.all(ctxs.map((c) => c.watch()));
  console.error('[build] watching for changes');
} else {
  await Promise.all([
    esbuild.build(nodeBuild),
    esbuild.build(playwrightBuild),
    esbuild.build(extensionBuild),
    esbuild.build(panelDevBuild),
    esbuild.build(benchPageBuild),
  ]);
  copyStatic();
  writeFirefoxEdition(extOut, firefoxOut);
  finishNodeOutputs();
  if (args.has('--zip') || args.has('--types')) {
    // The package's type declarations of the Playwright entry points (tsconfig.playwright-types.json).
    const tsc = spawnSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.playwright-types.json')],
      { stdio: 'inherit' },
    );
    if (tsc.status !== 0) throw new Error(`type declarations failed (exit ${tsc.status ?? tsc.signal})`);
  }
  if (args.has('--zip')) {
    const { zipExtension } = await import('./zip-extension.mjs');
    await zipExtension(extOut, join(root, 'dist/mesop-devtools-extension.zip'));
    await zipExtension(firefoxOut, join(root, 'dist/mesop-devtools-firefox.zip'));
  }
}
