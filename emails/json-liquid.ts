import { Liquid } from 'liquidjs';
import { sharedOptions } from './liquid';

/**
 * For JSON bodies (webhooks): the mail engines' limits, and a `json` filter that writes
 * `null` for a missing value. liquidjs's own writes nothing for undefined, so one customer
 * without the attribute would turn `{"plan": {{ customer.attributes.plan | json }}}` into
 * broken JSON.
 */
export const jsonLiquid = new Liquid(sharedOptions);
jsonLiquid.registerFilter('json', (value: unknown, space?: unknown) =>
  JSON.stringify(value ?? null, null, typeof space === 'number' ? space : undefined),
);

/** What a template sees in place of real data when it is checked at publish time. */
export const sampleWebhookContext = {
  customer: {
    id: 'cus_sample',
    externalId: 'sample-1',
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    birthday: '1990-12-10',
    locale: 'en',
    timeZone: 'Europe/Berlin',
    marketingConsent: true,
    attributes: {},
  },
  event: { name: 'sample_event', properties: {} },
  steps: {},
};

/**
 * Null when the template parses and renders (over sample data) to JSON; else the problem.
 * Values missing from the sample render as `null`, as they would for a real customer.
 */
export function webhookBodyProblem(template: string): string | null {
  let rendered: string;
  try {
    rendered = jsonLiquid.parseAndRenderSync(template, sampleWebhookContext);
  } catch (error) {
    return `not valid Liquid: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    JSON.parse(rendered);
    return null;
  } catch (error) {
    return `does not render to JSON (${(error as Error).message}); write values as {{ customer.email | json }}`;
  }
}
