#!/usr/bin/env node
// Enforces the import rules of the README's Architecture section without ESLint (a second of work):
// walks the areas of scripts/lint/import-areas.mjs and reports every import that breaks them.
// `npm run lint` applies the same rules through ESLint (scripts/lint/eslint-plugin.mjs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, importViolation } from './lint/import-areas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const violations = [];
const seen = new Set();

for (const area of Object.keys(RULES)) {
  const dir = join(root, area);
  try {
    statSync(dir);
  } catch {
    continue;
  }
  for (const file of sources(dir)) {
    if (seen.has(file)) continue; // src/cli/mcp lies inside src/cli: its own rule applies once
    seen.add(file);
    const rel = relative(root, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const typeOnly = /^\s*(?:import|export)\s+type\s/.test(m[0].replace(/^\n/, ''));
      const why = importViolation(rel, spec, typeOnly);
      if (why) violations.push(`${rel}: imports "${spec}" (${why})`);
    }
  }
}

if (violations.length) {
  console.error(`Import rule violations (see README, Architecture):\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
