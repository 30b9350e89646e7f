import { describe, expect, it } from 'vitest';
import { compileJourney } from '../compiler';
import { journeyGraphSchema } from '../graph';
import { findNodeType } from '../nodes';
import { journeySettingsSchema } from '../settings';
import {
  galleryJourneys,
  galleryKeys,
  galleryRewards,
  gallerySegments,
  type GalleryReference,
} from './index';
import { galleryReferences, resolveGalleryGraph } from './resolve-gallery-graph';

const idOf = (reference: GalleryReference) =>
  reference.kind === 'template'
    ? `tpl_${reference.starterKey}`
    : reference.kind === 'tier'
      ? 'tier_top'
      : `${reference.kind}_${reference.key}`;

const context = {
  journeyId: 'jrn_gallery',
  workspaceId: 'ws_gallery',
  version: 1,
  templateIds: new Set(galleryJourneys.flatMap(galleryReferences).map(idOf)),
  rewardIds: new Set(Object.keys(galleryRewards).map((key) => `reward_${key}`)),
  tierIds: new Set(['tier_top']),
  segmentIds: new Set(Object.keys(gallerySegments).map((key) => `segment_${key}`)),
};

describe('the journey gallery', () => {
  it('holds the seven use cases, each once', () => {
    expect(galleryJourneys.map((journey) => journey.key)).toEqual(galleryKeys);
    expect(galleryKeys).toEqual([
      'birthday_bonus',
      'welcome_series',
      'points_expiring_reminder',
      'tier_upgrade_congratulations',
      'review_request',
      'win_back',
      'vip_early_access',
    ]);
  });

  it.each(galleryJourneys.map((journey) => [journey.key, journey] as const))(
    '%s compiles once its references are resolved',
    (_key, journey) => {
      const graph = resolveGalleryGraph(journey, idOf);
      expect(journeyGraphSchema.safeParse(graph).success).toBe(true);
      const result = compileJourney(graph, {
        ...context,
        settings: journeySettingsSchema.parse(journey.settings),
      });
      expect(result.ok ? [] : result.errors).toEqual([]);
    },
  );

  it.each(galleryJourneys.map((journey) => [journey.key, journey] as const))(
    '%s uses catalog node types only, every config complete, laid out top-down',
    (_key, journey) => {
      for (const node of journey.nodes) expect(findNodeType(node.type), node.type).toBeDefined();
      const position = new Map(journey.nodes.map((node) => [node.id, node.position]));
      for (const edge of journey.edges)
        expect(position.get(edge.target)!.y, edge.id).toBeGreaterThan(position.get(edge.source)!.y);
      // No two steps on the same spot.
      const spots = journey.nodes.map((node) => `${node.position.x},${node.position.y}`);
      expect(new Set(spots).size).toBe(spots.length);
    },
  );

  it('leaves a reference empty when the workspace has nothing for it, so the editor marks it', () => {
    const journey = galleryJourneys.find((j) => j.key === 'birthday_bonus')!;
    const graph = resolveGalleryGraph(journey, () => '');
    expect(graph.nodes.find((node) => node.type === 'send_email')?.data).toEqual({ templateId: '' });
    const result = compileJourney(graph, context);
    expect(result.ok).toBe(false);
    // The gallery's own data is not changed by resolving.
    expect(journey.nodes.find((node) => node.type === 'send_email')?.data).toEqual({ templateId: '' });
  });
});
