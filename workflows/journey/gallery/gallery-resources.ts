import type { GalleryRewardKey, GallerySegmentKey } from './gallery-journey';

/*
 * What a gallery journey creates in a workspace that lacks it, so a journey from the
 * gallery compiles at once instead of arriving with empty pickers. Names in the
 * workspace's default language (German or English); an existing reward or segment of
 * that name is reused, not duplicated. Validated by the same schemas as the catalog and
 * segment forms when the server creates them.
 */

type Localised = { en: string; de: string };

export interface GalleryRewardSpec {
  name: Localised;
  description: Localised;
  kind: 'discount_percent';
  value: number;
  /** The journey gives these away (issue reward without charging), so they cost no points. */
  pointsCost: 0;
  perCustomerLimit: number;
  voucherValidDays: number;
  /** Redeemable only from the top tier. */
  topTierOnly: boolean;
}

export const galleryRewards: Record<GalleryRewardKey, GalleryRewardSpec> = {
  signup_discount: {
    name: { en: 'Welcome 10 % off', de: 'Willkommen: 10 % Rabatt' },
    description: {
      en: 'A one-time welcome discount on the first order, given by the welcome series.',
      de: 'Einmaliger Willkommensrabatt auf die erste Bestellung, vergeben von der Willkommensserie.',
    },
    kind: 'discount_percent',
    value: 10,
    pointsCost: 0,
    perCustomerLimit: 1,
    voucherValidDays: 30,
    topTierOnly: false,
  },
  vip_early_access: {
    name: { en: 'VIP early access 15 % off', de: 'VIP-Vorabzugang: 15 % Rabatt' },
    description: {
      en: 'Early access to the new collection with 15 % off, for the top tier.',
      de: 'Vorabzugang zur neuen Kollektion mit 15 % Rabatt, für die höchste Stufe.',
    },
    kind: 'discount_percent',
    value: 15,
    pointsCost: 0,
    perCustomerLimit: 1,
    voucherValidDays: 14,
    topTierOnly: true,
  },
};

export interface GallerySegmentSpec {
  name: Localised;
  description: Localised;
  /** In the shape of `segmentRulesSchema` (db/segments/segment-rules.ts), which checks it on creation. */
  rules: {
    match: 'all';
    rules: Array<{
      subject: 'lifetime_spend';
      operator: 'greater_than' | 'less_or_equal';
      amount: number;
      withinDays: number | null;
    }>;
  };
}

export const gallerySegments: Record<GallerySegmentKey, GallerySegmentSpec> = {
  lapsed_90_days: {
    name: { en: 'Lapsed 90 days', de: 'Seit 90 Tagen inaktiv' },
    description: {
      en: 'Bought before, but nothing in the last 90 days.',
      de: 'Hat schon gekauft, aber in den letzten 90 Tagen nichts mehr.',
    },
    rules: {
      match: 'all',
      rules: [
        { subject: 'lifetime_spend', operator: 'greater_than', amount: 0, withinDays: null },
        { subject: 'lifetime_spend', operator: 'less_or_equal', amount: 0, withinDays: 90 },
      ],
    },
  },
};
