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
    email: string;
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
};

export interface EmailVariablesInput {
  customer: Pick<Customer, 'email' | 'firstName' | 'lastName' | 'locale'>;
  balance: number;
  workspace: { name: string; postalAddress?: string | null };
  links: { memberPage: string; unsubscribe: string };
}

export function buildEmailVariables({
  customer,
  balance,
  workspace,
  links,
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
  };
}
