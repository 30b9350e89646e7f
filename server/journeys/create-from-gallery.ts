import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../../db/client';
import { newId } from '../../db/ids';
import { createReward } from '../../db/rewards/rewards';
import { emailTemplates, journeys, rewards, segments, tiers, workspaces } from '../../db/schema';
import { evaluateSegment } from '../../db/segments/evaluate-segment';
import { checkSegmentReferences, segmentFieldsSchema } from '../../db/segments/save-segment';
import {
  findGalleryJourney,
  galleryJourneys,
  galleryKeys,
  galleryRewards,
  gallerySegments,
  type GalleryKey,
  type GalleryReference,
} from '../../workflows/journey/gallery';
import {
  galleryReferences,
  resolveGalleryGraph,
} from '../../workflows/journey/gallery/resolve-gallery-graph';

/*
 * The gallery of ready journeys, and creating a draft from one in the current workspace.
 * A gallery journey names what it uses symbolically; creation resolves each name against
 * the workspace: starter templates by key, the top tier by threshold, rewards and
 * segments by name. A reward or segment the workspace lacks is created in the same
 * transaction as the journey (so the draft compiles at once and nothing half-made stays
 * behind); a starter template or tier that does not exist is left empty, and the editor
 * marks that field until the marketer picks one.
 */

export const createFromGalleryInput = z.object({
  key: z.enum(galleryKeys),
  /** The gallery name in the marketer's language (the server does not know the UI language). */
  name: z.string().trim().min(1, 'Give the journey a name').max(120),
});

export interface GalleryEntry {
  key: GalleryKey;
  /** Message keys under `gallery` for the card's title and one-line description. */
  nameKey: `journeys.${GalleryKey}.name`;
  descriptionKey: `journeys.${GalleryKey}.description`;
  /** Node types top-down (exits left out), as the card lists the steps. */
  steps: string[];
}

export function listGallery(): GalleryEntry[] {
  return galleryJourneys.map((journey) => ({
    key: journey.key,
    nameKey: `journeys.${journey.key}.name`,
    descriptionKey: `journeys.${journey.key}.description`,
    steps: [...journey.nodes]
      // An exit only ends a branch; the card lists the steps that do something.
      .filter((node) => node.type !== 'exit')
      .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)
      .map((node) => node.type),
  }));
}

export interface CreatedFromGallery {
  id: string;
  /** What the workspace did not have and now has, by name. */
  createdRewards: string[];
  createdSegments: string[];
  /** Fields left empty for the marketer (`email.templateId`): nothing in the workspace to point at. */
  unresolved: string[];
}

const referenceKey = (reference: GalleryReference) =>
  reference.kind === 'template'
    ? `template:${reference.starterKey}`
    : reference.kind === 'tier'
      ? `tier:${reference.pick}`
      : `${reference.kind}:${reference.key}`;

export async function createFromGallery(
  db: Database,
  input: { workspaceId: string; key: GalleryKey; name: string },
): Promise<CreatedFromGallery> {
  const journey = findGalleryJourney(input.key);
  if (!journey) throw new TRPCError({ code: 'NOT_FOUND', message: `No gallery journey "${input.key}".` });
  const { workspaceId } = input;
  const references = galleryReferences(journey);

  const created = await db.transaction(async (tx) => {
    const [workspace] = await tx
      .select({ defaultLocale: workspaces.defaultLocale })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    const language = workspace?.defaultLocale.startsWith('de') ? 'de' : 'en';
    const resolved = new Map<string, string>();
    const createdRewards: string[] = [];
    const createdSegments: { id: string; name: string }[] = [];

    const starterKeys = [
      ...new Set(references.flatMap((r) => (r.kind === 'template' ? [r.starterKey] : []))),
    ];
    if (starterKeys.length > 0) {
      const rows = await tx
        .select({ id: emailTemplates.id, starterKey: emailTemplates.starterKey })
        .from(emailTemplates)
        .where(
          and(
            eq(emailTemplates.workspaceId, workspaceId),
            isNotNull(emailTemplates.starterKey),
            inArray(emailTemplates.starterKey, starterKeys),
          ),
        );
      for (const row of rows) if (row.starterKey) resolved.set(`template:${row.starterKey}`, row.id);
    }

    const [topTier] = await tx
      .select({ id: tiers.id })
      .from(tiers)
      .where(eq(tiers.workspaceId, workspaceId))
      .orderBy(desc(tiers.threshold))
      .limit(1);
    if (topTier) resolved.set('tier:top', topTier.id);

    for (const reference of references) {
      const key = referenceKey(reference);
      if (resolved.has(key)) continue;
      if (reference.kind === 'reward') {
        const spec = galleryRewards[reference.key];
        const existing = await findRewardByName(tx, workspaceId, [spec.name.en, spec.name.de]);
        if (existing) {
          resolved.set(key, existing);
          continue;
        }
        const reward = await createReward(tx, workspaceId, {
          name: spec.name[language],
          description: spec.description[language],
          kind: spec.kind,
          value: spec.value,
          pointsCost: spec.pointsCost,
          perCustomerLimit: spec.perCustomerLimit,
          voucherValidDays: spec.voucherValidDays,
          minTierId: spec.topTierOnly ? (topTier?.id ?? null) : null,
        });
        resolved.set(key, reward.id);
        createdRewards.push(reward.name);
      } else if (reference.kind === 'segment') {
        const spec = gallerySegments[reference.key];
        const segment = await findOrCreateSegment(tx, workspaceId, spec, language);
        resolved.set(key, segment.id);
        if (segment.created) createdSegments.push({ id: segment.id, name: segment.name });
      }
    }

    const unresolved: string[] = [];
    const graph = resolveGalleryGraph(journey, (reference) => resolved.get(referenceKey(reference)) ?? '');
    for (const node of journey.nodes)
      for (const [path, reference] of Object.entries(node.refs ?? {}))
        if (!resolved.has(referenceKey(reference))) unresolved.push(`${node.id}.${path}`);

    const id = newId('jrn');
    await tx.insert(journeys).values({
      id,
      workspaceId,
      name: input.name,
      draftGraph: graph,
      settings: journey.settings,
    });
    return { id, createdRewards, createdSegments, unresolved };
  });

  // Members of a new segment are computed after the commit, as the segments page does
  // after saving; if this fails the daily evaluation fills it, and the journey is there either way.
  for (const segment of created.createdSegments) {
    try {
      await evaluateSegment(db, workspaceId, segment.id);
    } catch (error) {
      console.error(`Gallery: evaluating the new segment ${segment.id} failed:`, error);
    }
  }
  return {
    id: created.id,
    createdRewards: created.createdRewards,
    createdSegments: created.createdSegments.map((segment) => segment.name),
    unresolved: created.unresolved,
  };
}

/** An active reward with one of these names (the gallery's name in either language). */
async function findRewardByName(
  tx: Transaction,
  workspaceId: string,
  names: string[],
): Promise<string | null> {
  const [row] = await tx
    .select({ id: rewards.id })
    .from(rewards)
    .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.active, true), inArray(rewards.name, names)))
    .limit(1);
  return row?.id ?? null;
}

async function findOrCreateSegment(
  tx: Transaction,
  workspaceId: string,
  spec: (typeof gallerySegments)[keyof typeof gallerySegments],
  language: 'en' | 'de',
): Promise<{ id: string; name: string; created: boolean }> {
  const names = [spec.name.en, spec.name.de];
  const find = async () => {
    const [row] = await tx
      .select({ id: segments.id, name: segments.name })
      .from(segments)
      .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.name, names)))
      .limit(1);
    return row;
  };
  const existing = await find();
  if (existing) return { ...existing, created: false };
  const fields = segmentFieldsSchema.parse({
    name: spec.name[language],
    description: spec.description[language],
    rules: spec.rules,
  });
  await checkSegmentReferences(tx, workspaceId, fields.rules);
  const id = newId('seg');
  // A concurrent creation of the same name wins the unique index; then use that one.
  const inserted = await tx
    .insert(segments)
    .values({ id, workspaceId, ...fields })
    .onConflictDoNothing()
    .returning({ id: segments.id, name: segments.name });
  if (inserted[0]) return { ...inserted[0], created: true };
  const winner = await find();
  if (!winner) throw new Error(`Gallery: segment "${fields.name}" neither created nor found.`);
  return { ...winner, created: false };
}
