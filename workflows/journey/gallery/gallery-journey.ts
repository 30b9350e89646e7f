import type { GraphEdge, GraphNode } from '../graph';
import type { JourneySettings } from '../settings';

/*
 * A ready journey a marketer starts from. Pure data: the server resolves its symbolic
 * references against the workspace when it creates the journey, and the UI names it
 * through the message catalogs (`gallery.journeys.<key>.name` / `.description`).
 */

/** The starter templates every workspace is seeded with (emails/starter-templates.ts), by key. */
export type StarterTemplateKey =
  | 'birthday'
  | 'welcome'
  | 'points-earned'
  | 'points-expiring'
  | 'tier-upgrade'
  | 'reward-voucher'
  | 'review-request'
  | 'win-back';

/** Rewards and segments a gallery journey needs; created in the workspace when missing (gallery-resources.ts). */
export type GalleryRewardKey = 'signup_discount' | 'vip_early_access';
export type GallerySegmentKey = 'lapsed_90_days';

/**
 * Something in the workspace a config field points at, named by what it is rather than
 * by id: "the birthday starter template", "the top tier".
 */
export type GalleryReference =
  | { kind: 'template'; starterKey: StarterTemplateKey }
  | { kind: 'reward'; key: GalleryRewardKey }
  | { kind: 'segment'; key: GallerySegmentKey }
  /** The tier with the highest threshold. */
  | { kind: 'tier'; pick: 'top' };

export interface GalleryNode extends GraphNode {
  /**
   * Config fields to fill at creation, by dotted path into `data` (`templateId`,
   * `branches.0.rules.0.tierId`); `data` holds an empty string there until then.
   */
  refs?: Readonly<Record<string, GalleryReference>>;
}

/** The gallery's journeys in the order the "New journey" page shows them; each has one file here. */
export const galleryKeys = [
  'birthday_bonus',
  'welcome_series',
  'points_expiring_reminder',
  'tier_upgrade_congratulations',
  'review_request',
  'win_back',
  'vip_early_access',
] as const;
export type GalleryKey = (typeof galleryKeys)[number];

export interface GalleryJourney {
  /** Stable id and message key (`gallery.journeys.<key>`). */
  key: GalleryKey;
  nodes: readonly GalleryNode[];
  edges: readonly GraphEdge[];
  settings: Partial<JourneySettings>;
}

/** Rows of a top-down layout, so every gallery journey reads from its trigger downwards. */
export const row = (index: number, column = 0) => ({ x: column * 260, y: index * 150 });
