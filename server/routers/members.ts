import { z } from 'zod';
import { emailSchema, personNameSchema } from '../../db/accounts/create-user';
import { workspaceRoles } from '../../db/accounts/memberships';
import { fieldTRPCError } from '../field-trpc-error';
import { addMember, changeMemberRole, removeMember, resetMemberPassword } from '../members/change-members';
import { listMembers } from '../members/list-members';
import { MemberChangeError } from '../members/member-errors';
import { adminProcedure, createTRPCRouter } from '../trpc';

const roleSchema = z.enum(workspaceRoles);
const userIdSchema = z.string().min(1).max(100);

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MemberChangeError) {
      throw fieldTRPCError(
        error.code === 'not_member'
          ? 'NOT_FOUND'
          : error.code === 'already_member'
            ? 'CONFLICT'
            : 'PRECONDITION_FAILED',
        error.field,
        error.message,
      );
    }
    throw error;
  }
}

/** The people of the current workspace and their roles: admins only. */
export const membersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.workspaceId, ctx.viewer.userId)),

  /** A new person's generated password is in the answer this once; an existing account gets none. */
  add: adminProcedure
    .input(z.object({ email: emailSchema, name: personNameSchema, role: roleSchema }))
    .mutation(({ ctx, input }) =>
      guarded(() => addMember(ctx.db, { workspaceId: ctx.workspaceId, ...input })),
    ),

  changeRole: adminProcedure
    .input(z.object({ userId: userIdSchema, role: roleSchema }))
    .mutation(({ ctx, input }) =>
      guarded(() => changeMemberRole(ctx.db, { workspaceId: ctx.workspaceId, ...input })),
    ),

  remove: adminProcedure.input(z.object({ userId: userIdSchema })).mutation(({ ctx, input }) =>
    guarded(() =>
      removeMember(ctx.db, {
        workspaceId: ctx.workspaceId,
        userId: input.userId,
        actorUserId: ctx.viewer.userId,
      }),
    ),
  ),

  resetPassword: adminProcedure.input(z.object({ userId: userIdSchema })).mutation(({ ctx, input }) =>
    guarded(() =>
      resetMemberPassword(ctx.db, {
        workspaceId: ctx.workspaceId,
        userId: input.userId,
        actorUserId: ctx.viewer.userId,
      }),
    ),
  ),
});
