/** Tests are transformed with esbuild (fast, no type-check); `npm run typecheck` is the type gate. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': '<rootDir>/test/support/esbuild-jest-transform.js' },
  // ESM-only packages used by the core and the panel are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(preact|@bufbuild|chart\\.js|@kurkle)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 120000,
  // Browser and server tests are heavy on a 2-core machine: two test files at a time at most.
  maxWorkers: 2,
};
