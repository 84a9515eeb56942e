// ESLint (flat config) with typescript-eslint: recommended rules, no unused code, no stray console
// in product code, and the Architecture's import rules (scripts/lint/import-areas.mjs).
// Syntax-only rules (no type information), so `npm run lint` takes seconds; `npm run typecheck` is
// the type gate.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import mesop from './scripts/lint/eslint-plugin.mjs';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'out/',
      '.venv/',
      'node_modules/',
      '.cache/',
      // Projects of users' shapes, checked by their own tests (not by this repository's config).
      'test/playwright/project/',
      'bench/playwright-fixture/',
      'docs/ci-example/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { mesop },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      'mesop/import-areas': 'error',
      // Our errors fold the caught error's message into their own line (a CLI user error is one
      // line, the panel shows one message); a `cause` on top would print the same text twice.
      'preserve-caught-error': 'off',
    },
  },
  {
    files: ['panel/**', 'src/extension/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions, ...globals.worker } },
  },
  {
    // The panel's UI sees only its PanelTransport: the extension transport is the one panel folder
    // that talks to the browser (docs/architecture.md), and only through webextension-polyfill.
    files: ['panel/**'],
    ignores: ['panel/transport/extension/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['chrome', 'browser'].map((name) => ({
          name,
          message: `${name}.* belongs in panel/transport/extension/ (the panel sees only PanelTransport)`,
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          name: 'webextension-polyfill',
          message: 'the browser API belongs in panel/transport/extension/ (the panel sees only PanelTransport)',
        },
      ],
    },
  },
  {
    // The extension and the panel's transport talk to the browser one way: `browser.*` with
    // promises, imported from webextension-polyfill (Chrome and Firefox alike). A bare chrome.* is
    // for what the polyfill has no equivalent of, feature-detected, with a disable comment saying
    // so; the bare `browser` global exists only in Firefox.
    files: ['src/extension/**', 'panel/transport/extension/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'chrome',
          message:
            "use `browser` from 'webextension-polyfill' (Chrome and Firefox); a Chrome-only API without a polyfill equivalent: feature-detect it and disable this rule on that line, saying why",
        },
        {
          name: 'browser',
          message: "import browser from 'webextension-polyfill' (the bare global exists only in Firefox)",
        },
      ],
    },
  },
  {
    // The page hook runs in the page's main world, where there is no extension API: the polyfill
    // would throw there, and the hook reaches the extension only through the content relay.
    files: ['src/extension/main-world-hook.ts', 'src/extension/hook-*.ts', 'src/extension/page-detect.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          name: 'webextension-polyfill',
          message: 'the main world has no extension API: the hook talks to content-relay.ts only (protocol.ts)',
        },
      ],
    },
  },
  {
    // Product code reports through its own channels (the CLI's CliProcess streams, the panel's
    // UI), never a stray console call.
    files: ['src/**', 'panel/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // The Playwright fixture and reporter run inside the user's Playwright Test, whose output
    // channel is the console: their notes and the reporter's summary line go there on purpose.
    files: ['src/playwright/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests and benches read the page's globals inside page.evaluate and poke at untyped JSON:
    // `any` there is the honest type. Product code stays without it.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Jest runs the tests as CommonJS: they require JSON fixtures, and a missing module on purpose.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
