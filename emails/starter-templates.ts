import { readFileSync } from 'node:fs';

export interface StarterTemplateContent {
  /** Liquid. */
  subject: string;
  /** Liquid: the inbox preview line. */
  preheader: string;
  /** MJML with Liquid tags, including the shared partials. */
  mjml: string;
}

export interface StarterTemplate extends StarterTemplateContent {
  /** Stable across releases: the seed and the template picker find a starter by it. */
  key: string;
  name: string;
  category: 'marketing' | 'transactional';
  /** The subscription topic key (engineer-owned topics: news, loyalty, feedback). */
  topic: string | null;
  /** The language of `subject`, `preheader` and `mjml`. */
  locale: string;
  /** The same template in other languages, by locale. */
  variants: Record<string, StarterTemplateContent>;
}

// A literal `new URL(…, import.meta.url)` per file so bundlers (Next.js) see and ship it.
const read = (url: URL) => readFileSync(url, 'utf8');

/**
 * The templates a new workspace starts with; copied into `email_templates` as version 1
 * (live), then edited there. Every one is marketing mail: each asks the reader to come
 * back, shop or redeem, which is advertising under the ePrivacy rules (and Germany's UWG
 * §7), so it needs consent and honours unsubscribes. That includes "points expiring": it
 * is about the reader's account, but its call to action is to redeem in the shop, and as
 * transactional mail it would reach people who unsubscribed. A workspace whose expiry
 * notice is purely informational can switch that template to transactional.
 */
export const starterTemplates: StarterTemplate[] = [
  {
    key: 'birthday',
    name: 'Happy birthday',
    category: 'marketing',
    topic: 'loyalty',
    locale: 'en',
    subject: "Happy birthday, {{ customer.first_name | default: 'friend' }}! 🎂",
    preheader: 'Birthday points are waiting for you: your balance is now {{ loyalty.balance }} points.',
    mjml: read(new URL('./templates/birthday.mjml', import.meta.url)),
    variants: {
      de: {
        subject: "Alles Gute zum Geburtstag, {{ customer.first_name | default: 'liebes Mitglied' }}! 🎂",
        preheader:
          'Geburtstagspunkte warten auf dich: Dein Punktestand beträgt jetzt {{ loyalty.balance }} Punkte.',
        mjml: read(new URL('./templates/birthday.de.mjml', import.meta.url)),
      },
    },
  },
  {
    key: 'welcome',
    name: 'Welcome to the programme',
    category: 'marketing',
    topic: 'loyalty',
    locale: 'en',
    subject: "Welcome to {{ workspace.name }} Rewards, {{ customer.first_name | default: 'friend' }}!",
    preheader: 'Your membership is active. Here is how to collect points and unlock rewards.',
    mjml: read(new URL('./templates/welcome.mjml', import.meta.url)),
    variants: {
      de: {
        subject: 'Willkommen im Prämienprogramm von {{ workspace.name }}!',
        preheader: 'Deine Mitgliedschaft ist aktiv. So sammelst du Punkte und sicherst dir Prämien.',
        mjml: read(new URL('./templates/welcome.de.mjml', import.meta.url)),
      },
    },
  },
  {
    key: 'points-earned',
    name: 'Points earned',
    category: 'marketing',
    topic: 'loyalty',
    locale: 'en',
    subject: "Your points are in, {{ customer.first_name | default: 'friend' }} ✨",
    preheader:
      'Your balance is now {{ loyalty.balance }} points.' +
      '{% if loyalty.next_tier and loyalty.points_to_next_tier %} Only {{ loyalty.points_to_next_tier }} more to {{ loyalty.next_tier }}.{% endif %}',
    mjml: read(new URL('./templates/points-earned.mjml', import.meta.url)),
    variants: {
      de: {
        subject: "Deine Punkte sind da, {{ customer.first_name | default: 'liebes Mitglied' }} ✨",
        preheader:
          'Dein Punktestand: {{ loyalty.balance }} Punkte.' +
          '{% if loyalty.next_tier and loyalty.points_to_next_tier %} Nur noch {{ loyalty.points_to_next_tier }} bis zur Stufe {{ loyalty.next_tier }}.{% endif %}',
        mjml: read(new URL('./templates/points-earned.de.mjml', import.meta.url)),
      },
    },
  },
  {
    key: 'points-expiring',
    name: 'Points expiring',
    category: 'marketing',
    topic: 'loyalty',
    locale: 'en',
    subject: 'Don’t lose your {{ loyalty.expiring_points }} points ⏳',
    preheader:
      "They expire on {{ loyalty.expiring_on | date: '%B %-d, %Y' }}. Redeem them for a reward before then.",
    mjml: read(new URL('./templates/points-expiring.mjml', import.meta.url)),
    variants: {
      de: {
        subject: 'Deine {{ loyalty.expiring_points }} Punkte verfallen bald ⏳',
        preheader:
          "Sie verfallen am {{ loyalty.expiring_on | date: '%d.%m.%Y' }}. Löse sie vorher gegen eine Prämie ein.",
        mjml: read(new URL('./templates/points-expiring.de.mjml', import.meta.url)),
      },
    },
  },
  {
    key: 'tier-upgrade',
    name: 'Tier upgrade',
    category: 'marketing',
    topic: 'loyalty',
    locale: 'en',
    subject:
      "Welcome to {{ loyalty.tier | default: 'your new tier' }}, {{ customer.first_name | default: 'friend' }}! 🏆",
    preheader:
      'You have reached a new tier in the {{ workspace.name }} rewards programme. Here is what it unlocks.',
    mjml: read(new URL('./templates/tier-upgrade.mjml', import.meta.url)),
    variants: {
      de: {
        subject:
          "Du bist jetzt {{ loyalty.tier | default: 'eine Stufe höher' }}, {{ customer.first_name | default: 'liebes Mitglied' }}! 🏆",
        preheader:
          'Du hast eine neue Stufe im Prämienprogramm von {{ workspace.name }} erreicht. Das sind deine Vorteile.',
        mjml: read(new URL('./templates/tier-upgrade.de.mjml', import.meta.url)),
      },
    },
  },
  {
    key: 'reward-voucher',
    name: 'Reward voucher',
    category: 'marketing',
    topic: 'loyalty',
    locale: 'en',
    subject: "Your {{ voucher.reward_name | default: 'reward' }} is ready 🎁",
    preheader:
      "Here is your voucher code{% if voucher.expires_at %}, valid until {{ voucher.expires_at | date: '%B %-d, %Y' }}{% endif %}.",
    mjml: read(new URL('./templates/reward-voucher.mjml', import.meta.url)),
    variants: {
      de: {
        subject: "Deine Prämie ist da: {{ voucher.reward_name | default: 'dein Gutschein' }} 🎁",
        preheader:
          "Hier ist dein Gutscheincode{% if voucher.expires_at %}, gültig bis {{ voucher.expires_at | date: '%d.%m.%Y' }}{% endif %}.",
        mjml: read(new URL('./templates/reward-voucher.de.mjml', import.meta.url)),
      },
    },
  },
  {
    key: 'review-request',
    name: 'Review request',
    category: 'marketing',
    topic: 'feedback',
    locale: 'en',
    subject: "How did we do, {{ customer.first_name | default: 'friend' }}? ⭐",
    preheader: 'Share your thoughts in two minutes and help other shoppers choose.',
    mjml: read(new URL('./templates/review-request.mjml', import.meta.url)),
    variants: {
      de: {
        subject: "Wie zufrieden bist du, {{ customer.first_name | default: 'liebes Mitglied' }}? ⭐",
        preheader: 'Teile deine Meinung in zwei Minuten und hilf anderen bei der Auswahl.',
        mjml: read(new URL('./templates/review-request.de.mjml', import.meta.url)),
      },
    },
  },
  {
    key: 'win-back',
    name: 'Win-back',
    category: 'marketing',
    topic: 'news',
    locale: 'en',
    subject: "We miss you, {{ customer.first_name | default: 'friend' }} 💜",
    preheader: 'Your {{ loyalty.balance }} points are still waiting. Come back and see what’s new.',
    mjml: read(new URL('./templates/win-back.mjml', import.meta.url)),
    variants: {
      de: {
        subject: "Wir vermissen dich, {{ customer.first_name | default: 'liebes Mitglied' }} 💜",
        preheader:
          'Deine {{ loyalty.balance }} Punkte warten noch auf dich. Schau vorbei und entdecke, was neu ist.',
        mjml: read(new URL('./templates/win-back.de.mjml', import.meta.url)),
      },
    },
  },
];
