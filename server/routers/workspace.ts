import { eq } from 'drizzle-orm';
import { workspaces } from '../../db/schema';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

export const workspaceRouter = createTRPCRouter({
  current: workspaceProcedure.query(async ({ ctx }) => {
    const [workspace] = await ctx.db
      .select({ id: workspaces.id, name: workspaces.name, timeZone: workspaces.timeZone })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId));
    return workspace ?? null;
  }),
});
