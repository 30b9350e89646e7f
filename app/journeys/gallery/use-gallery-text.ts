'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { GalleryKey } from '../../../workflows/journey/gallery';

/**
 * Each gallery journey's name and one-line description in the UI language. Spelled out
 * key by key (not built from the gallery key) so the catalog check sees every key used,
 * and typed by `GalleryKey` so a journey added to the gallery needs its words here.
 */
export function useGalleryText(): Record<GalleryKey, { name: string; description: string }> {
  const t = useTranslations('gallery.journeys');
  return useMemo(
    () => ({
      birthday_bonus: { name: t('birthday_bonus.name'), description: t('birthday_bonus.description') },
      welcome_series: { name: t('welcome_series.name'), description: t('welcome_series.description') },
      points_expiring_reminder: {
        name: t('points_expiring_reminder.name'),
        description: t('points_expiring_reminder.description'),
      },
      tier_upgrade_congratulations: {
        name: t('tier_upgrade_congratulations.name'),
        description: t('tier_upgrade_congratulations.description'),
      },
      review_request: { name: t('review_request.name'), description: t('review_request.description') },
      win_back: { name: t('win_back.name'), description: t('win_back.description') },
      vip_early_access: { name: t('vip_early_access.name'), description: t('vip_early_access.description') },
    }),
    [t],
  );
}
