/**
 * Two tiers, one list: E2E names every test that starts a browser (Chromium) or a Mesop server
 * (or installs the package); every other test is a unit test (`npm run test:unit`, under a minute).
 * `npm run test:e2e` runs the E2E list, `npm test` both. A new test is a unit test unless it is
 * listed here. Tests are transformed with esbuild (fast, no type-check); `npm run typecheck` is
 * the type gate.
 */
const E2E = [
  'test/action/*.test.ts', // the GitHub Action's script: check on a real app in Chromium
  'test/package/*.test.ts', // npm / pip installs, Playwright Test and pytest-playwright projects
  'test/extension/*.e2e.test.ts', // the extension in Chromium on real apps
  'test/extension/firefox-edition.test.ts', // Mozilla's add-on linter (web-ext lint) on the Firefox build, ~25 s
  'test/panel/panel.fixture.test.ts', // the panel bundle in Chromium
  'test/panel/browser-natives.test.ts',
  'test/cli/capture/*.test.ts', // capture in Chromium against a tiny server
  'test/cli/check.test.ts', // check, dev, load, demo, mcp on real Mesop apps
  'test/cli/check-outputs.test.ts',
  'test/cli/ci-example.test.ts',
  'test/cli/demo-live.test.ts',
  'test/cli/dev-attacks.test.ts',
  'test/cli/dev-lifecycle.test.ts',
  'test/cli/dev-proxy.test.ts',
  'test/cli/dev-websocket.test.ts',
  'test/cli/load.test.ts',
  'test/cli/load-interrupt.test.ts',
  'test/cli/mcp/mcp-dev.test.ts',
  'test/cli/mcp/mcp-flow.test.ts',
  'test/cli/mesop-server.test.ts',
  'test/cli/shard-merge.test.ts',
];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.(t|j)sx?$': '<rootDir>/test/support/esbuild-jest-transform.js' },
  // ESM-only packages used by the core and the panel are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(preact|@bufbuild|chart\\.js|@kurkle)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // The real polyfill throws outside an extension: unit tests get it lazily, around their fake chrome.
  moduleNameMapper: { '^webextension-polyfill$': '<rootDir>/test/support/webextension-polyfill.js' },
};
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: [...TESTS, ...E2E.map((glob) => `!**/${glob}`)] },
    { ...shared, displayName: 'e2e', testMatch: E2E.map((glob) => `<rootDir>/${glob}`) },
  ],
  testTimeout: 120000,
  // Browser and server tests are heavy on a 2-core machine: two test files at a time at most.
  maxWorkers: 2,
};
