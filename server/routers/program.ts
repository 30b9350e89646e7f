import {
  getProgramSettings,
  programSettingsPatchSchema,
  updateProgramSettings,
} from '../../db/program/settings';
import { ledgerTRPCError } from '../ledger-trpc-error';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

/**
 * A refusal by the domain, shaped as a zod error on the same field, so the settings form
 * shows it next to that field (`data.inputIssues`) like the input schema's own issues.
 */
function toTRPCError(error: unknown): unknown {
  return ledgerTRPCError(error) ?? error;
}

/** The workspace's loyalty program: earn rules, points expiry and tier settings. */
export const programRouter = createTRPCRouter({
  get: readProcedure.query(({ ctx }) => getProgramSettings(ctx.db, ctx.workspaceId)),

  /** Saves the parts given (each replaces its saved part); answers the whole program. */
  update: editProcedure.input(programSettingsPatchSchema).mutation(async ({ ctx, input }) => {
    try {
      return await updateProgramSettings(ctx.db, ctx.workspaceId, input);
    } catch (error) {
      throw toTRPCError(error);
    }
  }),
});
