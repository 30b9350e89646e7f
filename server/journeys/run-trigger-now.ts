import { TRPCError } from '@trpc/server';
import type { TemporalHandle } from '../temporal/client';
import { runDateTriggerNow } from '../temporal/trigger-schedules';
import type { AnniversaryScanResult } from '../../workflows/journey/activities-contract';
import { isDateTrigger } from '../../workflows/journey/date-trigger';
import type { Database } from '../../db/client';
import { findLiveVersion } from './find-live-version';

/** Longer than a scan of a demo-sized workspace; short enough that a stopped worker is reported. */
const answerWithinMs = 60_000;

/**
 * Starts the live journey's date scan (birthday, sign-up, a date attribute) at once and waits for its counts. The scan keeps
 * running in Temporal if we stop waiting; the marketer then finds its runs on the runs page.
 */
export async function runTriggerNow(
  deps: { db: Database; temporal: () => Promise<TemporalHandle> },
  target: { workspaceId: string; journeyId: string },
): Promise<AnniversaryScanResult> {
  const live = await findLiveVersion(deps.db, target);
  if (!live) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Publish the journey before running its trigger.',
    });
  }
  if (!isDateTrigger(live.triggerType)) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Only date triggers (birthday, date anniversary) can be run on demand.',
    });
  }
  const { client, settings } = await deps.temporal();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new TRPCError({
            code: 'TIMEOUT',
            message: `The date scan did not finish within ${answerWithinMs / 1000} s. Is the worker running? Runs it starts will still appear on the runs page.`,
          }),
        ),
      answerWithinMs,
    );
  });
  try {
    return await Promise.race([runDateTriggerNow(client, settings.taskQueue, target), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
