// The one Jest configuration every workspace uses: TypeScript through ts-jest (transpile only —
// type errors are the `typecheck` task's job, so tests start fast), tests under test/, and a long
// default timeout because integration tests talk to a real PostgreSQL and a real Kafka broker.
/** Packages that ship only ES modules (jose 6, cookie 2 under Fastify's light-my-request). */
const ESM_ONLY = ['jose', 'cookie'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
    // ESM-only dependencies: Node 24 `require`s them natively, but Jest's own module loader cannot, so
    // they are compiled to CommonJS for the tests (and only for the tests).
    [`node_modules/(${ESM_ONLY.join('|')})/.+\\.m?js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  testTimeout: 60_000,
  // Integration tests share one broker and one database server: run files one after another so a
  // 2-core machine is not oversubscribed and timings stay stable.
  maxWorkers: 1,
  setupFiles: ['reflect-metadata'],
  // kafkajs keeps reconnect timers alive for a while after a broker restart even when every client
  // was disconnected; a CI run must never hang on them once all tests have finished.
  forceExit: true,
};
