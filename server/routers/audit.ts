import { auditActions, auditFilterSchema, listAudit } from '../audit/list-audit';
import { adminProcedure, createTRPCRouter } from '../trpc';

/** Who did what in this workspace: admins only (it names people and their addresses). */
export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(auditFilterSchema)
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.workspaceId, input)),
  actions: adminProcedure.query(({ ctx }) => auditActions(ctx.db, ctx.workspaceId)),
});
