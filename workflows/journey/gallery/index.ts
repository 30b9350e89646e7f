import { birthdayBonus } from './birthday-bonus';
import type { GalleryJourney } from './gallery-journey';
import { pointsExpiringReminder } from './points-expiring-reminder';
import { reviewRequest } from './review-request';
import { tierUpgradeCongratulations } from './tier-upgrade-congratulations';
import { vipEarlyAccess } from './vip-early-access';
import { welcomeSeries } from './welcome-series';
import { winBack } from './win-back';

export type { GalleryJourney, GalleryNode, GalleryReference } from './gallery-journey';
export { galleryRewards, gallerySegments } from './gallery-resources';

/** The gallery in the order the "New journey" page shows it. */
export const galleryJourneys: readonly GalleryJourney[] = [
  birthdayBonus,
  welcomeSeries,
  pointsExpiringReminder,
  tierUpgradeCongratulations,
  reviewRequest,
  winBack,
  vipEarlyAccess,
];

export const galleryKeys = galleryJourneys.map((journey) => journey.key);

export function findGalleryJourney(key: string): GalleryJourney | undefined {
  return galleryJourneys.find((journey) => journey.key === key);
}
