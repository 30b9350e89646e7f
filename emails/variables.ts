import type { customers } from '../db/schema';

type Customer = typeof customers.$inferSelect;

/**
 * What a template's Liquid sees. snake_case because that is what marketers know from other
 * tools (`{{ customer.first_name }}`); this shape is the contract with every stored template,
 * so fields are only ever added, never renamed.
 */
export type EmailVariables = {
  customer: {
    first_name: string | null;
    last_name: string | null;
    /** Null for a customer known only from tracked events (no send reaches them, but previews may). */
    email: string | null;
    locale: string;
  };
  loyalty: {
    balance: number;
    /** The tier held, by name; null without one (or in a programme without tiers). */
    tier: string | null;
    /** The tier above the held one; null at the top or without tiers. */
    next_tier: string | null;
    /** Qualifying points still missing to `next_tier`; null at the top, or when tiers qualify by spend. */
    points_to_next_tier: number | null;
    /** Points that expire on `expiring_on` (the next expiry date that has points); 0 when none. */
    expiring_points: number;
    /** `YYYY-MM-DD` in the customer's time zone, or null when no points are due to expire. */
    expiring_on: string | null;
  };
  workspace: {
    name: string;
    /** Null until workspaces store one; the starter template falls back to a placeholder. */
    postal_address: string | null;
  };
  links: {
    member_page: string;
    unsubscribe: string;
    /** The preference page (topics, unsubscribe from all), signed like the unsubscribe link. */
    preferences: string;
  };
  /** This mail itself: `id` is the message-log row id (empty in previews and test sends). */
  message: { id: string };
  /** The voucher an earlier "Issue reward" step of this run issued (the latest one), or null. */
  voucher: { code: string; reward_name: string; expires_at: string | null } | null;
  /** The event that started the run (`{{ event.properties.total }}`), or null. */
  event: { name: string; properties: Record<string, unknown> } | null;
  /** Every earlier step's result by step id, for anything the named fields above do not cover. */
  steps: Record<string, unknown>;
};

/** Tier and expiry facts of the loyalty state (`db/templates/loyalty-facts.ts` reads them). */
export interface LoyaltyFacts {
  tier: string | null;
  nextTier: string | null;
  pointsToNextTier: number | null;
  expiringPoints: number;
  expiringOn: string | null;
}

export interface EmailVariablesInput {
  customer: Pick<Customer, 'email' | 'firstName' | 'lastName' | 'locale'>;
  balance: number;
  /** Absent: no tier, nothing expiring. */
  loyalty?: LoyaltyFacts;
  workspace: { name: string; postalAddress?: string | null };
  /** `preferences` absent: the unsubscribe link stands in (it leads to the same choices). */
  links: { memberPage: string; unsubscribe: string; preferences?: string };
  messageId?: string;
  earlier?: Record<string, unknown>;
  event?: { name: string; properties: Record<string, unknown> } | null;
}

export function buildEmailVariables({
  customer,
  balance,
  loyalty,
  workspace,
  links,
  messageId = '',
  earlier = {},
  event = null,
}: EmailVariablesInput): EmailVariables {
  return {
    customer: {
      first_name: customer.firstName,
      last_name: customer.lastName,
      email: customer.email,
      locale: customer.locale,
    },
    loyalty: {
      balance,
      tier: loyalty?.tier ?? null,
      next_tier: loyalty?.nextTier ?? null,
      points_to_next_tier: loyalty?.pointsToNextTier ?? null,
      expiring_points: loyalty?.expiringPoints ?? 0,
      expiring_on: loyalty?.expiringOn ?? null,
    },
    workspace: { name: workspace.name, postal_address: oneLine(workspace.postalAddress) },
    links: {
      member_page: links.memberPage,
      unsubscribe: links.unsubscribe,
      preferences: links.preferences ?? links.unsubscribe,
    },
    message: { id: messageId },
    voucher: latestVoucher(earlier),
    event,
    steps: earlier,
  };
}

/** Step results keep insertion order, which is the order the run passed them. */
function latestVoucher(earlier: Record<string, unknown>): EmailVariables['voucher'] {
  let found: EmailVariables['voucher'] = null;
  for (const result of Object.values(earlier)) {
    if (typeof result !== 'object' || result === null) continue;
    const r = result as Record<string, unknown>;
    if (r['status'] === 'issued' && typeof r['code'] === 'string') {
      found = {
        code: r['code'],
        reward_name: typeof r['rewardName'] === 'string' ? r['rewardName'] : '',
        expires_at: typeof r['expiresAt'] === 'string' ? r['expiresAt'] : null,
      };
    }
  }
  return found;
}

/**
 * The address as typed (street, town, country on separate lines) joined with " · ": it sits
 * in one footer line, and the same Liquid renders the HTML and the text part, so it cannot
 * carry `<br>` tags.
 */
function oneLine(address: string | null | undefined): string | null {
  if (!address) return null;
  const parts = address
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}
