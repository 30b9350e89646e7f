import { systemStatus } from '../system/system-status';
import { createTRPCRouter, readProcedure } from '../trpc';

export const systemRouter = createTRPCRouter({
  /**
   * Worker polling and task-queue backlog, whether Temporal, Postgres and SMTP answer, and
   * this workspace's event outbox. Never fails as a whole: a service that is down or hangs
   * is reported as such, each within its own time limit.
   */
  status: readProcedure.query(({ ctx }) => systemStatus(ctx, ctx.workspaceId)),
});
