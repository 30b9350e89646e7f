import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { defaultTierSettings, tierSettingsSchema, type TierSettings } from '../program/tier-settings';
import { loyaltyPrograms } from '../schema';

/**
 * The program's tier settings: the stored JSON validated by its schema, the defaults
 * when the workspace has no program row or no tier settings. A stored value the schema
 * refuses (written by hand, or by an older version) is an error, not a silent default:
 * members would move between tiers on rules nobody set.
 */
export async function getTierSettings(db: Executor, workspaceId: string): Promise<TierSettings> {
  const [row] = await db
    .select({ tierSettings: loyaltyPrograms.tierSettings })
    .from(loyaltyPrograms)
    .where(eq(loyaltyPrograms.workspaceId, workspaceId));
  if (!row?.tierSettings) return defaultTierSettings;
  return tierSettingsSchema.parse(row.tierSettings);
}
