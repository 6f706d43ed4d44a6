/**
 * Jest settings for the Camunda Process Test suites in this folder (`*.cpt.ts`): they run against
 * `onego engine --clock controlled` in REMOTE mode, started by `camunda-process-test.test.ts` (mocha),
 * which passes the engine's addresses in CAMUNDA_RUNTIME_MODE, ZEEBE_REST_ADDRESS, ZEEBE_GRPC_ADDRESS and
 * CAMUNDA_MONITORING_API_ADDRESS. One worker: the package's job-worker mocks are shared per process.
 */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.cpt.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  maxWorkers: 1,
};
