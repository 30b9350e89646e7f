import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { workspaces } from '../../db/schema';

export const emailSettingsSchema = z.object({
  /** Several lines allowed (street, town, country); empty clears it. */
  postalAddress: z
    .string()
    .trim()
    .max(300, 'at most 300 characters')
    .transform((value) => (value === '' ? null : value.replace(/\r\n?/g, '\n'))),
  emailTracking: z.boolean(),
});

export type EmailSettings = { postalAddress: string | null; emailTracking: boolean };

export async function getEmailSettings(db: Executor, workspaceId: string): Promise<EmailSettings | null> {
  const [row] = await db
    .select({ postalAddress: workspaces.postalAddress, emailTracking: workspaces.emailTracking })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

export async function saveEmailSettings(
  db: Executor,
  workspaceId: string,
  settings: z.output<typeof emailSettingsSchema>,
): Promise<EmailSettings | null> {
  const [row] = await db
    .update(workspaces)
    .set(settings)
    .where(eq(workspaces.id, workspaceId))
    .returning({ postalAddress: workspaces.postalAddress, emailTracking: workspaces.emailTracking });
  return row ?? null;
}
