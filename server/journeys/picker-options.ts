import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { emailTemplates, events, rewards, segments, tiers } from '../../db/schema';
import type { ReferenceKind } from '../../workflows/journey/nodes';

export interface PickerOption {
  id: string;
  name: string;
}

/** A template choice says whether it has a live version: a send step needs one to publish. */
export interface TemplateOption extends PickerOption {
  published: boolean;
}

/**
 * Events our own code emits, offered even before the first one happened in a workspace
 * (a new shop builds its "tier changed" journey before anyone changed tier).
 */
export const builtInEventNames = [
  'points_expiring',
  'points_expired',
  'tier_changed',
  'reward_redeemed',
  'email_opened',
  'email_clicked',
  'segment_entered',
  'segment_exited',
] as const;

/** Suggestions, not a whitelist: a journey may name an event the shop starts sending later. */
const eventNameLimit = 200;
const eventNameDays = 90;
const propertySample = 1_000;
const propertyLimit = 200;

/**
 * What the editor's pickers offer, per reference kind a node field can have: the same
 * sets the compiler checks references against when publishing (active rewards only),
 * plus the event names seen in the workspace recently, for event triggers, waits and goals.
 */
export async function pickerOptions(
  db: Database,
  workspaceId: string,
): Promise<
  Record<ReferenceKind, PickerOption[]> & { template: TemplateOption[]; eventName: PickerOption[] }
> {
  const [templateRows, reward, tier, segment, eventName] = await Promise.all([
    db
      .select({ id: emailTemplates.id, name: emailTemplates.name, liveVersion: emailTemplates.liveVersion })
      .from(emailTemplates)
      .where(eq(emailTemplates.workspaceId, workspaceId))
      .orderBy(asc(emailTemplates.name)),
    db
      .select({ id: rewards.id, name: rewards.name })
      .from(rewards)
      .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.active, true)))
      .orderBy(asc(rewards.pointsCost), asc(rewards.name)),
    db
      .select({ id: tiers.id, name: tiers.name })
      .from(tiers)
      .where(eq(tiers.workspaceId, workspaceId))
      .orderBy(asc(tiers.threshold)),
    db
      .select({ id: segments.id, name: segments.name })
      .from(segments)
      .where(eq(segments.workspaceId, workspaceId))
      .orderBy(asc(segments.name)),
    knownEventNames(db, workspaceId),
  ]);
  const template = templateRows.map(({ id, name, liveVersion }) => ({
    id,
    name,
    published: liveVersion !== null,
  }));
  return { template, reward, tier, segment, eventName };
}

/** Distinct event names of the last 90 days plus the built-in ones, sorted, at most 200. */
export async function knownEventNames(db: Database, workspaceId: string): Promise<PickerOption[]> {
  const rows = await db
    .selectDistinct({ name: events.name })
    .from(events)
    .where(
      and(
        eq(events.workspaceId, workspaceId),
        eq(events.type, 'track'),
        sql`${events.occurredAt} > now() - make_interval(days => ${eventNameDays})`,
      ),
    )
    .orderBy(asc(events.name))
    .limit(eventNameLimit);
  const names = new Set<string>([...builtInEventNames, ...rows.map((row) => row.name)]);
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .slice(0, eventNameLimit)
    .map((name) => ({ id: name, name }));
}

/**
 * Property paths seen in the last 1,000 events of that name: top-level keys, and one level
 * into objects (`order.currency`) since filters address nested values by dot path.
 */
export async function eventProperties(
  db: Database,
  workspaceId: string,
  eventName: string,
): Promise<string[]> {
  const rows = (await db.execute(sql`
    select distinct k.key || coalesce('.' || n.key, '') as path
    from (
      select ${events.properties} as properties from ${events}
      where ${events.workspaceId} = ${workspaceId} and ${events.name} = ${eventName}
      order by ${events.occurredAt} desc
      limit ${propertySample}
    ) e
    cross join lateral jsonb_each(case when jsonb_typeof(e.properties) = 'object' then e.properties else '{}'::jsonb end) k
    left join lateral jsonb_object_keys(case when jsonb_typeof(k.value) = 'object' then k.value else '{}'::jsonb end) n(key) on true
    order by path
    limit ${propertyLimit}
  `)) as unknown as { path: string }[];
  return rows.map((row) => row.path);
}
