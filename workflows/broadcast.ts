import {
  ActivityCancellationType,
  continueAsNew,
  isCancellation,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { BroadcastActivities, BroadcastInput, FanOutResult } from './broadcast-contract';

const { fanOutBroadcast } = proxyActivities<BroadcastActivities>({
  // One call handles at most `pagesPerActivity` pages (≈ 100 s at any rate) and hands back.
  startToCloseTimeout: '30 minutes',
  // It heartbeats after every start and page; a retry resumes after the last saved page.
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
  // On cancel, the activity saves the counts of the starts it made before it stops.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

const { failBroadcast } = proxyActivities<BroadcastActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});

const defaultPagesPerActivity = 20;
const defaultHoldPollMs = 30_000;
/** Continue as new well before Temporal's history limits; each loop adds a handful of events. */
const historyLimit = 1_000;

/**
 * One broadcast: waits for its scheduled time, then calls the fan-out activity until every
 * member of the segment is handled. While the journey is paused it looks again every
 * `holdPollMs`; a stopped journey or a cancel ends it. Progress lives on the broadcast row,
 * so continuing as new carries nothing but the input.
 */
export async function broadcast(input: BroadcastInput): Promise<FanOutResult['outcome']> {
  if (input.notBefore) {
    const wait = Date.parse(input.notBefore) - Date.now();
    if (wait > 0) await sleep(wait);
  }
  for (;;) {
    let result: FanOutResult;
    try {
      result = await fanOutBroadcast({
        workspaceId: input.workspaceId,
        broadcastId: input.broadcastId,
        maxPages: input.pagesPerActivity ?? defaultPagesPerActivity,
        ...(input.pageSize !== undefined ? { pageSize: input.pageSize } : {}),
      });
    } catch (error) {
      if (isCancellation(error)) throw error;
      await failBroadcast({
        workspaceId: input.workspaceId,
        broadcastId: input.broadcastId,
        reason:
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error),
      });
      throw error;
    }
    if (result.outcome === 'completed' || result.outcome === 'cancelled') return result.outcome;
    if (result.outcome === 'held') await sleep(input.holdPollMs ?? defaultHoldPollMs);
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > historyLimit) {
      const { notBefore: _done, ...rest } = input;
      await continueAsNew<typeof broadcast>(rest);
    }
  }
}
