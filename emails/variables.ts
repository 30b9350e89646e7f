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
  };
  workspace: {
    name: string;
    /** Null until workspaces store one; the starter template falls back to a placeholder. */
    postal_address: string | null;
  };
  links: {
    member_page: string;
    unsubscribe: string;
  };
  /** The voucher an earlier "Issue reward" step of this run issued (the latest one), or null. */
  voucher: { code: string; reward_name: string; expires_at: string | null } | null;
  /** The event that started the run (`{{ event.properties.total }}`), or null. */
  event: { name: string; properties: Record<string, unknown> } | null;
  /** Every earlier step's result by step id, for anything the named fields above do not cover. */
  steps: Record<string, unknown>;
};

export interface EmailVariablesInput {
  customer: Pick<Customer, 'email' | 'firstName' | 'lastName' | 'locale'>;
  balance: number;
  workspace: { name: string; postalAddress?: string | null };
  links: { memberPage: string; unsubscribe: string };
  earlier?: Record<string, unknown>;
  event?: { name: string; properties: Record<string, unknown> } | null;
}

export function buildEmailVariables({
  customer,
  balance,
  workspace,
  links,
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
    loyalty: { balance },
    workspace: { name: workspace.name, postal_address: workspace.postalAddress ?? null },
    links: { member_page: links.memberPage, unsubscribe: links.unsubscribe },
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
