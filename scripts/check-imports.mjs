#!/usr/bin/env node
// Enforces the import rules of the README's Architecture section, so they hold without anyone
// remembering them: who may import whom, and which packages each execution context may use.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** area -> { areas it may import, packages it may import } */
const RULES = {
  'src/core': { areas: ['src/core'], packages: ['@bufbuild/protobuf'] },
  'src/extension': { areas: ['src/core', 'src/extension'], packages: ['webextension-polyfill'] },
  'panel': { areas: ['src/core', 'src/extension/protocol', 'panel'], packages: ['preact', 'chart.js', 'webextension-polyfill'] },
  'src/cli': { areas: ['src/core', 'src/cli'], packages: ['node:', 'puppeteer-core', 'ws', ...builtinModules] },
  // The MCP server is bundled on its own (scripts/build.mjs): only it may use the MCP SDK and zod.
  'src/cli/mcp': { areas: ['src/core', 'src/cli'], packages: ['node:', '@modelcontextprotocol/sdk', 'zod', ...builtinModules] },
  // Runs inside the user's Playwright Test: the CLI's capture and check pieces, Playwright as a peer.
  'src/playwright': { areas: ['src/core', 'src/cli', 'src/playwright'], packages: ['node:', '@playwright/test', ...builtinModules] },
};

const areaOf = (file) => {
  const rel = relative(root, file).split(sep).join('/');
  // The longest (most specific) area that holds the file.
  return Object.keys(RULES).filter((a) => rel === a || rel.startsWith(`${a}/`)).sort((x, y) => y.length - x.length)[0];
};

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const violations = [];

for (const area of Object.keys(RULES)) {
  const dir = join(root, area);
  try { statSync(dir); } catch { continue; }
  for (const file of sources(dir)) {
    if (areaOf(file) !== area) continue; // a more specific area (src/cli/mcp) has its own rule
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const isTypeOnly = /^\s*(?:import|export)\s+type\s/.test(m[0].replace(/^\n/, ''));
      const where = `${relative(root, file)}: imports "${spec}"`;
      const rule = RULES[area];
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const rel = relative(root, target).split(sep).join('/');
        if (rel === 'package.json') continue; // the version string, inlined by esbuild
        if (/^(test|scripts)\//.test(rel)) { violations.push(`${where} (src/ and panel/ never import test/ or scripts/)`); continue; }
        const ok = rule.areas.some((a) => rel === a || rel.startsWith(`${a}/`) || rel === `${a}.ts`);
        // panel may take only types and constants from the extension's protocol file
        if (!ok) violations.push(`${where} (${area} may import only ${rule.areas.join(', ')})`);
        if (ok && area === 'panel' && rel.startsWith('src/extension/') && !isTypeOnly && !rel.endsWith('protocol')) {
          violations.push(`${where} (panel takes only types and constants from src/extension/protocol.ts)`);
        }
      } else {
        const ok = rule.packages.some((p) => spec === p || spec.startsWith(p.endsWith(':') ? p : `${p}/`) || spec.startsWith(p));
        if (!ok) violations.push(`${where} (${area} may use packages: ${rule.packages.filter((p) => !builtinModules.includes(p)).join(', ')})`);
      }
    }
  }
}

if (violations.length) {
  console.error(`Import rule violations (see README, Architecture):\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
