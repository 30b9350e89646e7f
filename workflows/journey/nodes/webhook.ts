import { z } from 'zod';
import type { CallWebhookResult } from '../activities-contract';
import { defineNode } from './define-node';

export const webhookMethods = ['POST', 'PUT'] as const;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * https, or http to this machine (a receiver under development). Whether http is allowed
 * at all is the deployment's call: publishing and the activity refuse it in production.
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'enter a full URL, e.g. https://example.com/hooks/journeys';
  }
  if (url.username || url.password) return 'put credentials in the receiver, not in the URL';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return null;
  return 'the URL must start with https:// (http only for localhost)';
}

export const webhookConfig = z
  .object({
    url: z.string().trim().min(1, 'enter the URL').max(2000),
    method: z.enum(webhookMethods).default('POST'),
    /**
     * Liquid over `customer`, `event` and `steps` that must render to JSON; values go in
     * with `| json` so quotes in them cannot break it. The template itself is checked by
     * the publisher (the Liquid engine is not part of the workflow bundle).
     */
    bodyTemplate: z.string().trim().min(1, 'enter the JSON body').max(20_000),
    timeoutSeconds: z
      .number({ error: 'enter the timeout in seconds' })
      .int('the timeout must be whole seconds')
      .min(1, 'at least 1 second')
      .max(30, 'at most 30 seconds')
      .default(10),
    retries: z
      .number({ error: 'enter the number of retries' })
      .int('retries must be a whole number')
      .min(0, 'must not be negative')
      .max(10, 'at most 10 retries')
      .default(3),
  })
  .superRefine((c, ctx) => {
    // An empty URL is already "required".
    const problem = c.url === '' ? null : webhookUrlProblem(c.url);
    if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
  });

export const defaultWebhookBody =
  '{\n  "customerId": {{ customer.id | json }},\n  "email": {{ customer.email | json }},\n  "event": {{ event.name | json }}\n}';

/** Calls an integration with the customer's data; `failure` once retries are used up or it refused. */
export const webhook = defineNode<z.output<typeof webhookConfig>>({
  type: 'webhook',
  kind: 'data',
  label: 'Webhook',
  configSchema: webhookConfig,
  defaultConfig: {
    url: '',
    method: 'POST',
    bodyTemplate: defaultWebhookBody,
    timeoutSeconds: 10,
    retries: 3,
  },
  fields: [
    { name: 'url', input: 'text' },
    { name: 'method', input: 'select', options: webhookMethods },
    { name: 'bodyTemplate', input: 'code' },
    { name: 'timeoutSeconds', input: 'number' },
    { name: 'retries', input: 'number' },
  ],
  outputs: () => ['success', 'failure'],
  summaryValues: (c) => ({ method: c.method, host: hostOf(c.url) }),
  action: (c) => ({
    activity: 'callWebhook',
    args: {
      url: c.url,
      method: c.method,
      bodyTemplate: c.bodyTemplate,
      timeoutSeconds: c.timeoutSeconds,
      retries: c.retries,
    },
  }),
  outputAfter: (_c, result) => ((result as CallWebhookResult).status === 'success' ? 'success' : 'failure'),
});

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
