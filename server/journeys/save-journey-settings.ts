import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { ZodRealError } from 'zod';
import type { Database } from '../../db/client';
import { journeys } from '../../db/schema';
import { journeySettingsSchema, type JourneySettings } from '../../workflows/journey/settings';

/**
 * Stores the journey's settings for the next publish (runs in flight keep the settings
 * compiled into their version). Invalid settings are refused with zod issues on their
 * fields, which the error formatter turns into `inputIssues` for the settings form.
 */
export async function saveJourneySettings(
  db: Database,
  input: { workspaceId: string; journeyId: string; settings: unknown },
): Promise<JourneySettings> {
  const parsed = journeySettingsSchema.safeParse(input.settings);
  if (!parsed.success) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: parsed.error.issues.map((i) => `settings.${i.path.join('.')}: ${i.message}`).join('; '),
      // ZodRealError, not ZodError: only an Error survives as the cause (server/ledger-trpc-error.ts).
      cause: new ZodRealError(parsed.error.issues),
    });
  }
  const [row] = await db
    .update(journeys)
    .set({ settings: parsed.data, updatedAt: new Date() })
    .where(and(eq(journeys.id, input.journeyId), eq(journeys.workspaceId, input.workspaceId)))
    .returning({ id: journeys.id });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'This journey does not exist.' });
  return parsed.data;
}
