import type { Client } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const { TaskQueueType, TaskQueueKind } = temporal.api.enums.v1;

/**
 * Temporal keeps a poller listed for minutes after its last poll; a worker long-polls
 * about once a minute, so a poller seen within this window is one that is polling now.
 */
export const pollingWindowMs = 2 * 60_000;

export interface QueuePollers {
  /** Whether any worker polled within `pollingWindowMs`. */
  polling: boolean;
  pollers: Array<{ identity: string; lastAccessTime: Date | null }>;
  /**
   * Tasks waiting for a worker (Temporal's approximate count) and the age of the oldest;
   * null when the server does not report task-queue statistics.
   */
  backlog: { count: number; oldestAgeSeconds: number | null } | null;
}

export interface TaskQueueStatus {
  serverVersion: string | null;
  namespace: string;
  taskQueue: string;
  workflow: QueuePollers;
  activity: QueuePollers;
}

/**
 * Whether the worker polls the journeys task queue (workflow and activity tasks) and how
 * much waits there. Every call carries a gRPC deadline, so a hanging server ends the
 * call itself, not only the page's wait for it.
 */
export async function describeJourneyTaskQueue(
  client: Client,
  target: { namespace: string; taskQueue: string; deadline: Date; now?: Date },
): Promise<TaskQueueStatus> {
  const service = client.workflowService;
  const withDeadline = <T>(call: () => Promise<T>) => client.connection.withDeadline(target.deadline, call);
  const describe = (taskQueueType: temporal.api.enums.v1.TaskQueueType) =>
    withDeadline(() =>
      service.describeTaskQueue({
        namespace: target.namespace,
        taskQueue: { name: target.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType,
        reportStats: true,
      }),
    );
  const [info, workflow, activity] = await Promise.all([
    withDeadline(() => service.getSystemInfo({})),
    describe(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
    describe(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
  ]);
  const now = (target.now ?? new Date()).getTime();
  return {
    serverVersion: info.serverVersion || null,
    namespace: target.namespace,
    taskQueue: target.taskQueue,
    workflow: toQueuePollers(workflow, now),
    activity: toQueuePollers(activity, now),
  };
}

export function toQueuePollers(
  response: temporal.api.workflowservice.v1.IDescribeTaskQueueResponse,
  now: number,
): QueuePollers {
  const pollers = (response.pollers ?? []).map((poller) => {
    const ms = optionalTsToMs(poller.lastAccessTime);
    return { identity: poller.identity ?? '', lastAccessTime: ms === undefined ? null : new Date(ms) };
  });
  const stats = response.stats;
  const ageMs = stats ? optionalTsToMs(stats.approximateBacklogAge) : undefined;
  return {
    polling: pollers.some(
      (p) => p.lastAccessTime !== null && now - p.lastAccessTime.getTime() <= pollingWindowMs,
    ),
    pollers,
    backlog: stats
      ? {
          count: Number(stats.approximateBacklogCount ?? 0),
          oldestAgeSeconds: ageMs === undefined ? null : Math.round(ageMs / 1000),
        }
      : null,
  };
}
