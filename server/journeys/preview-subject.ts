import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { getLoyaltyState } from '../../db/customers/loyalty-state';
import { getProgramSettings } from '../../db/program/settings';
import { customers, rewards, segmentMemberships, segments, tiers } from '../../db/schema';
import { loadLoyaltyFacts } from '../../db/templates/loyalty-facts';
import type { LoyaltyFacts } from '../../emails/variables';
import type { SimulatedProfile } from '../../workflows/journey/simulate';
import type { SampleProfile } from './preview-input';

/** The customer as templates and webhook bodies see them (the send and webhook activities' fields). */
export interface PreviewCustomer {
  /** Null for a sample profile. */
  id: string | null;
  externalId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  birthday: string | null;
  locale: string;
  timeZone: string;
  marketingConsent: boolean;
  attributes: Record<string, unknown>;
}

/** Who runs through the preview: the simulator's profile and what a mail or webhook would quote. */
export interface PreviewSubject {
  profile: SimulatedProfile;
  customer: PreviewCustomer;
  /** Tier and expiry facts as a mail quotes them; a sample has its tier and nothing expiring. */
  loyalty: LoyaltyFacts;
}

/** A wrong reference in the input, named by its zod field path so the form can mark it. */
export class PreviewInputError extends Error {
  constructor(
    readonly path: string[],
    message: string,
    readonly notFound = false,
  ) {
    super(`${path.join('.')}: ${message}`);
    this.name = 'PreviewInputError';
  }
}

/**
 * What the workspace's program says for everyone: tiers, rewards and the birthday bonus, read
 * once per preview. Reads only.
 */
async function loadProgramFacts(db: Executor, workspaceId: string) {
  const [settings, tierRows, rewardRows] = await Promise.all([
    getProgramSettings(db, workspaceId),
    db
      .select({
        id: tiers.id,
        name: tiers.name,
        threshold: tiers.threshold,
        multiplierPercent: tiers.multiplierPercent,
      })
      .from(tiers)
      .where(eq(tiers.workspaceId, workspaceId)),
    db
      .select({ id: rewards.id, name: rewards.name, pointsCost: rewards.pointsCost })
      .from(rewards)
      .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.active, true))),
  ]);
  return {
    tiers: tierRows,
    common: {
      birthdayBonus: settings.earnRules.birthdayBonus,
      tierThresholds: Object.fromEntries(tierRows.map((t) => [t.id, t.threshold])),
      rewards: Object.fromEntries(rewardRows.map((r) => [r.id, { name: r.name, pointsCost: r.pointsCost }])),
    } satisfies Partial<SimulatedProfile>,
  };
}

/** A real customer of the workspace as a run would load them, read-only. */
export async function loadCustomerSubject(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<PreviewSubject> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!row || row.erasedAt !== null)
    throw new PreviewInputError(['who', 'customerId'], `no customer "${customerId}" in this workspace`, true);
  const [program, state, loyalty, memberships] = await Promise.all([
    loadProgramFacts(db, workspaceId),
    getLoyaltyState(db, workspaceId, row.id),
    loadLoyaltyFacts(db, { workspaceId, customerId: row.id, timeZone: row.timeZone }),
    db
      .select({ segmentId: segmentMemberships.segmentId })
      .from(segmentMemberships)
      .where(and(eq(segmentMemberships.workspaceId, workspaceId), eq(segmentMemberships.customerId, row.id))),
  ]);
  // As the run's loadRunContext: the profile's date columns are attributes too.
  const attributes = {
    ...row.attributes,
    ...(row.birthday ? { birthday: row.birthday } : {}),
    signupDate: row.createdAt.toISOString(),
  };
  return {
    profile: {
      ...program.common,
      timeZone: row.timeZone,
      locale: row.locale,
      attributes,
      balance: state?.balance ?? 0,
      tier: state?.tier ?? null,
      marketingConsent: row.marketingConsent,
      hasEmail: Boolean(row.email),
      segmentIds: memberships.map((m) => m.segmentId),
    },
    customer: {
      id: row.id,
      externalId: row.externalId,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      birthday: row.birthday,
      locale: row.locale,
      timeZone: row.timeZone,
      marketingConsent: row.marketingConsent,
      attributes: row.attributes,
    },
    loyalty,
  };
}

/** An edited sample profile; its tier and segments must be the workspace's. */
export async function sampleSubject(
  db: Executor,
  workspaceId: string,
  sample: SampleProfile,
): Promise<PreviewSubject> {
  const program = await loadProgramFacts(db, workspaceId);
  const tier = sample.tierId === null ? null : program.tiers.find((t) => t.id === sample.tierId);
  if (tier === undefined)
    throw new PreviewInputError(['who', 'sample', 'tierId'], `no tier "${sample.tierId}" in this workspace`);
  const segmentIds = [...new Set(sample.segmentIds)];
  if (segmentIds.length > 0) {
    const known = await db
      .select({ id: segments.id })
      .from(segments)
      .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.id, segmentIds)));
    const unknown = segmentIds.findIndex((id) => !known.some((row) => row.id === id));
    if (unknown !== -1)
      throw new PreviewInputError(
        ['who', 'sample', 'segmentIds', String(sample.segmentIds.indexOf(segmentIds[unknown]!))],
        `no segment "${segmentIds[unknown]}" in this workspace`,
      );
  }
  const above = program.tiers
    .filter((t) => t.threshold > (tier?.threshold ?? -1))
    .sort((a, b) => a.threshold - b.threshold)[0];
  return {
    profile: {
      ...program.common,
      timeZone: sample.timeZone,
      locale: sample.locale,
      attributes: sample.attributes,
      balance: sample.balance,
      tier,
      marketingConsent: sample.marketingConsent,
      hasEmail: sample.email !== '',
      segmentIds,
    },
    customer: {
      id: null,
      externalId: null,
      email: sample.email || null,
      firstName: sample.firstName || null,
      lastName: sample.lastName || null,
      birthday: typeof sample.attributes['birthday'] === 'string' ? sample.attributes['birthday'] : null,
      locale: sample.locale,
      timeZone: sample.timeZone,
      marketingConsent: sample.marketingConsent,
      attributes: sample.attributes,
    },
    loyalty: {
      tier: tier?.name ?? null,
      nextTier: above?.name ?? null,
      pointsToNextTier: above ? Math.max(0, above.threshold - sample.balance) : null,
      expiringPoints: 0,
      expiringOn: null,
    },
  };
}
