import { APIError } from 'better-auth/api';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { passwordSchema } from '../../db/accounts/create-user';
import { workspaceMembers, workspaces } from '../../db/schema';
import { getAuth } from '../auth/app-auth';
import { recordAudit } from '../audit/record-audit';
import { fieldTRPCError } from '../field-trpc-error';
import { clientIp } from '../http/client-ip';
import { authedProcedure, createTRPCRouter } from '../trpc';

/** The signed-in person's own account, whatever workspace they are in. */
export const accountRouter = createTRPCRouter({
  me: authedProcedure.query(async ({ ctx }) => {
    const memberships = await ctx.db
      .select({ workspaceId: workspaces.id, workspaceName: workspaces.name, role: workspaceMembers.role })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, ctx.viewer.userId))
      .orderBy(asc(workspaces.createdAt));
    return { ...ctx.viewer, memberships };
  }),

  /** Checks the current password (better-auth) and ends every other session of the person. */
  changePassword: authedProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, 'enter your current password').max(128),
        newPassword: passwordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      try {
        await getAuth().api.changePassword({
          body: {
            currentPassword: input.currentPassword,
            newPassword: input.newPassword,
            revokeOtherSessions: true,
          },
          headers: ctx.headers,
        });
      } catch (error) {
        if (error instanceof APIError && /password/i.test(error.message) && error.status !== 'UNAUTHORIZED') {
          throw fieldTRPCError('BAD_REQUEST', 'currentPassword', 'The current password is not right.');
        }
        throw error;
      }
      await recordAudit(ctx.db, {
        workspaceId: null,
        actor: ctx.viewer,
        action: 'account.changePassword',
        ipAddress: clientIp(ctx.headers),
      });
      return { changed: true };
    }),
});
