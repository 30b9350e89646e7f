// Bundle entry for tests and benchmarks: every production workflow plus the test-only ones.
export * from '../index';
export { emptyWorkflow, sleepDays } from './workflows';
