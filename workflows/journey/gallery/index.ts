import { birthdayBonus } from './birthday-bonus';
import { galleryKeys, type GalleryJourney, type GalleryKey } from './gallery-journey';
import { pointsExpiringReminder } from './points-expiring-reminder';
import { reviewRequest } from './review-request';
import { tierUpgradeCongratulations } from './tier-upgrade-congratulations';
import { vipEarlyAccess } from './vip-early-access';
import { welcomeSeries } from './welcome-series';
import { winBack } from './win-back';

export type { GalleryJourney, GalleryKey, GalleryNode, GalleryReference } from './gallery-journey';
export { galleryKeys };
export { galleryRewards, gallerySegments } from './gallery-resources';

/** In the order of `galleryKeys` (the unit test holds them equal). */
export const galleryJourneys: readonly GalleryJourney[] = [
  birthdayBonus,
  welcomeSeries,
  pointsExpiringReminder,
  tierUpgradeCongratulations,
  reviewRequest,
  winBack,
  vipEarlyAccess,
];

export function findGalleryJourney(key: GalleryKey): GalleryJourney | undefined {
  return galleryJourneys.find((journey) => journey.key === key);
}
