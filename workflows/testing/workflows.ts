import { sleep } from '@temporalio/workflow';

/**
 * Test-only workflows, served beside the real ones by the `workflows/testing/index.ts` bundle
 * (never by the production worker).
 */

/** Sleeps a number of days and returns how much workflow time (`Date.now()` is workflow time) passed. */
export async function sleepDays(days: number): Promise<number> {
  const started = Date.now();
  await sleep(days * 24 * 60 * 60 * 1000);
  return Date.now() - started;
}

/** Does nothing: the baseline a benchmark compares starting real journeys with. */
export async function emptyWorkflow(): Promise<void> {}
