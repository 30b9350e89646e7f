import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { analyticsSettings } from '../schema';
import { queryRows } from './query';

export const analyticsSettingsSchema = z.object({
  /** Minor units one point costs the business (0.5 = half a cent). */
  costPerPoint: z.number().min(0).max(1_000_000),
  /** Orders within this many days after an email click count as the email's revenue. */
  clickAttributionDays: z.number().int().min(1).max(90),
});

export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;

/** Without a stored row: 1 point costs 1 minor unit (100 points = 1 €), 7-day click window. */
export const defaultAnalyticsSettings: AnalyticsSettings = { costPerPoint: 1, clickAttributionDays: 7 };

export async function getAnalyticsSettings(db: Executor, workspaceId: string): Promise<AnalyticsSettings> {
  const [row] = await queryRows<{ cost_per_point: string; click_attribution_days: number }>(
    db,
    sql`select cost_per_point, click_attribution_days from analytics_settings where workspace_id = ${workspaceId}`,
  );
  if (!row) return defaultAnalyticsSettings;
  return { costPerPoint: Number(row.cost_per_point), clickAttributionDays: row.click_attribution_days };
}

/** Stores the workspace's report settings (validated; errors name the field). */
export async function saveAnalyticsSettings(
  db: Executor,
  workspaceId: string,
  input: AnalyticsSettings,
): Promise<AnalyticsSettings> {
  const settings = analyticsSettingsSchema.parse(input);
  await db
    .insert(analyticsSettings)
    .values({
      workspaceId,
      costPerPoint: String(settings.costPerPoint),
      clickAttributionDays: settings.clickAttributionDays,
    })
    .onConflictDoUpdate({
      target: analyticsSettings.workspaceId,
      set: {
        costPerPoint: String(settings.costPerPoint),
        clickAttributionDays: settings.clickAttributionDays,
        updatedAt: sql`now()`,
      },
    });
  return settings;
}
