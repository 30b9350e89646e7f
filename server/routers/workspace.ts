import { TRPCError } from '@trpc/server';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { membershipIn, resolveMembership } from '../../db/accounts/memberships';
import { workspaceMembers, workspaces } from '../../db/schema';
import { readCookie, workspaceCookie } from '../workspaces/workspace-cookie';
import { adminProcedure, authedProcedure, createTRPCRouter, readProcedure } from '../trpc';
import { emailSettingsSchema, getEmailSettings, saveEmailSettings } from '../workspaces/email-settings';
import { createWorkspace, createWorkspaceInput, workspaceNameSchema } from '../workspaces/create-workspace';

const workspaceColumns = {
  id: workspaces.id,
  name: workspaces.name,
  timeZone: workspaces.timeZone,
  defaultLocale: workspaces.defaultLocale,
  createdAt: workspaces.createdAt,
};

export const workspaceRouter = createTRPCRouter({
  /** The workspace this request works in, and what the viewer may do in it (the UI hides what they may not). */
  current: readProcedure.query(async ({ ctx }) => {
    const [workspace] = await ctx.db
      .select(workspaceColumns)
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId));
    return workspace ? { ...workspace, role: ctx.role } : null;
  }),
  /** The workspaces the viewer is a member of, with their role in each, for the switcher. */
  list: authedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select({ ...workspaceColumns, role: workspaceMembers.role })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, ctx.viewer.userId))
      .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
    const current = await resolveMembership(
      ctx.db,
      ctx.viewer.userId,
      readCookie(ctx.headers, workspaceCookie),
    );
    return rows.map((row) => ({ ...row, current: row.id === current?.workspaceId }));
  }),
  /** A new brand; whoever creates it is its first admin. */
  create: adminProcedure
    .input(createWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace(ctx.db, input, { adminUserId: ctx.viewer.userId })),
  /** Renames any workspace the viewer is an admin of (the list page renames rows other than the current one). */
  rename: adminProcedure
    .input(z.object({ id: z.string().min(1), name: workspaceNameSchema }))
    .mutation(async ({ ctx, input }) => {
      const membership = await membershipIn(ctx.db, ctx.viewer.userId, input.id);
      if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: `No workspace "${input.id}".` });
      if (membership.role !== 'admin') {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin of that workspace can rename it.' });
      }
      const [row] = await ctx.db
        .update(workspaces)
        .set({ name: input.name })
        .where(and(eq(workspaces.id, input.id)))
        .returning(workspaceColumns);
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No workspace "${input.id}".` });
      return row;
    }),
  /** Sender details and tracking for the current workspace's emails. */
  emailSettings: readProcedure.query(async ({ ctx }) => {
    const settings = await getEmailSettings(ctx.db, ctx.workspaceId);
    if (!settings) throw new TRPCError({ code: 'NOT_FOUND', message: 'This workspace does not exist.' });
    return settings;
  }),
  saveEmailSettings: adminProcedure.input(emailSettingsSchema).mutation(async ({ ctx, input }) => {
    const settings = await saveEmailSettings(ctx.db, ctx.workspaceId, input);
    if (!settings) throw new TRPCError({ code: 'NOT_FOUND', message: 'This workspace does not exist.' });
    return settings;
  }),
});
