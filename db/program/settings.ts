import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { LedgerInputError } from '../ledger/errors';
import { expiryRuleSchema, neverExpires, type ExpiryRule } from '../ledger/expiry-rule';
import { defaultExpiringNoticeDays } from '../ledger/points-expiring-notices';
import { parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { loyaltyPrograms, workspaces } from '../schema';
import { defaultEarnRules, earnRulesSchema, type EarnRules } from './earn-rules';
import { defaultTierSettings, tierSettingsSchema, type TierSettings } from './tier-settings';

export interface ProgramSettings {
  /** The expiry of earned points when an award does not name one. */
  pointsExpiry: ExpiryRule;
  earnRules: EarnRules;
  tierSettings: TierSettings;
  /** Days before points expire that members are told (the `points_expiring` event); null: never. */
  expiringNoticeDays: number | null;
  /** The workspace's currency: order amounts and bonus thresholds are in its minor units. */
  currency: string;
}

/**
 * The earn rules as a program may store them: the shared schema, plus what only makes
 * sense for a whole program (two bonuses at one threshold would leave the reader guessing
 * which one applies).
 */
const programEarnRulesSchema = earnRulesSchema.superRefine((rules, ctx) => {
  const thresholds = new Set<number>();
  rules.purchase.bonuses.forEach((bonus, index) => {
    if (thresholds.has(bonus.minOrderAmount))
      ctx.addIssue({
        code: 'custom',
        path: ['purchase', 'bonuses', index, 'minOrderAmount'],
        message: 'another bonus starts at the same order value',
      });
    thresholds.add(bonus.minOrderAmount);
  });
});

/**
 * A change to the program: each part given replaces that part as a whole (the settings
 * form always sends a complete part, so nothing is merged field by field and a removed
 * bonus row stays removed); parts left out keep their saved value.
 */
export const programSettingsPatchSchema = z.object({
  pointsExpiry: expiryRuleSchema.optional(),
  earnRules: programEarnRulesSchema.optional(),
  tierSettings: tierSettingsSchema.optional(),
  expiringNoticeDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'at least 1 day')
    .max(365, 'at most 365 days')
    .nullable()
    .optional(),
});

export type ProgramSettingsPatch = z.input<typeof programSettingsPatchSchema>;

/** The workspace's program, with the defaults of `db/program/*` for everything never saved. */
export async function getProgramSettings(db: Executor, workspaceId: string): Promise<ProgramSettings> {
  const [row] = await db
    .select({
      currency: workspaces.currency,
      pointsExpiry: loyaltyPrograms.pointsExpiry,
      earnRules: loyaltyPrograms.earnRules,
      tierSettings: loyaltyPrograms.tierSettings,
      expiringNoticeDays: loyaltyPrograms.expiringNoticeDays,
      saved: loyaltyPrograms.workspaceId,
    })
    .from(workspaces)
    .leftJoin(loyaltyPrograms, eq(loyaltyPrograms.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new LedgerInputError('workspaceId', `no workspace "${workspaceId}"`);
  return {
    currency: row.currency,
    pointsExpiry: row.pointsExpiry
      ? stored(expiryRuleSchema, row.pointsExpiry, 'points_expiry')
      : neverExpires,
    // Parsed on the way out too: defaults added to the schemas later fill rows saved before.
    earnRules: row.earnRules ? stored(earnRulesSchema, row.earnRules, 'earn_rules') : defaultEarnRules,
    tierSettings: row.tierSettings
      ? stored(tierSettingsSchema, row.tierSettings, 'tier_settings')
      : defaultTierSettings,
    expiringNoticeDays: row.saved === null ? defaultExpiringNoticeDays : row.expiringNoticeDays,
  };
}

/**
 * Saves a change to the program and answers the whole program as it is now. Validated
 * first: the first problem is thrown as a `LedgerInputError` naming its path
 * (`earnRules.purchase.bonuses.1.points`), and nothing is saved. One statement, so two
 * admins saving different parts at once both keep their part.
 *
 * New rules apply to what happens from now on: points already earned keep their expiry,
 * orders already recorded keep their points.
 */
export async function updateProgramSettings(
  db: Executor,
  workspaceId: string,
  patch: ProgramSettingsPatch,
): Promise<ProgramSettings> {
  parseLedgerRequest(workspaceIdField, workspaceId);
  const change = parseLedgerRequest(programSettingsPatchSchema, patch);
  const set: Partial<typeof loyaltyPrograms.$inferInsert> = {};
  if (change.pointsExpiry !== undefined) set.pointsExpiry = change.pointsExpiry;
  if (change.earnRules !== undefined) set.earnRules = change.earnRules;
  if (change.tierSettings !== undefined) set.tierSettings = change.tierSettings;
  if (change.expiringNoticeDays !== undefined) set.expiringNoticeDays = change.expiringNoticeDays;

  const [workspace] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new LedgerInputError('workspaceId', `no workspace "${workspaceId}"`);

  if (Object.keys(set).length > 0) {
    await db
      .insert(loyaltyPrograms)
      .values({ workspaceId, ...set })
      .onConflictDoUpdate({ target: loyaltyPrograms.workspaceId, set: { ...set, updatedAt: sql`now()` } });
  }
  return getProgramSettings(db, workspaceId);
}

/** A stored JSON setting; a row that no longer fits its schema is a bug to surface, not to guess around. */
function stored<S extends z.ZodType>(schema: S, value: unknown, column: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`loyalty_programs.${column} does not fit its schema: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
