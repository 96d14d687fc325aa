// One Jest run for every tier so `npm test` ends with a single total (tools/summary-reporter.cjs).
const preset = require('./jest.preset.cjs');

module.exports = {
  reporters: ['default', '<rootDir>/tools/summary-reporter.cjs'],
  projects: [
    {
      ...preset,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/{shared,server,web,demo}/src/**/*.spec.ts?(x)', '<rootDir>/tools/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/server/test/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/server/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/server/test/harness/global-teardown.ts',
      // testTimeout is global-only in Jest 30; per tier through a setup file.
      setupFilesAfterEnv: [
        '<rootDir>/tools/jest/integration-timeout.ts',
        '<rootDir>/tools/jest/integration-pg-warnings.ts',
      ],
    },
    {
      ...preset,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e-timeout.ts'],
    },
  ],
};
