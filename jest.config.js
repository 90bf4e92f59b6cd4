// Three projects: fast unit tests, the package as installed from its tarball (test/package/**),
// and integration tests that start real control planes (test/integ/**). @kubernetes/client-node
// 1.x and its dependencies are ESM-only, so jest (which runs CommonJS here) transforms them with
// babel; everything else goes through ts-jest.
const esmPackages = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', 'jsonpath-plus'];
const common = {
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'], babelrc: false, configFile: false }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/unit-test-timeout.ts'] },
    // npm pack + install into a fresh app (from the registry): a minute, so apart from the unit tests.
    { ...common, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integ',
      testMatch: ['<rootDir>/test/integ/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
      // testTimeout is a global-only option that jest ignores inside a project; this sets it instead.
      setupFilesAfterEnv: ['<rootDir>/test/harness/integ-test-timeout.ts'],
    },
  ],
};
