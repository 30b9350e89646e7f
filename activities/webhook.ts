import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { customers } from '../db/schema';
import { ensureWebhookSecret } from '../db/webhooks/webhook-secret';
import { jsonLiquid } from '../emails/json-liquid';
import type {
  CallWebhookInput,
  CallWebhookResult,
  JourneyActivities,
} from '../workflows/journey/activities-contract';
import { webhookUrlProblem } from '../workflows/journey/nodes/webhook';
import { fetch as undiciFetch } from 'undici';
import {
  checkLiteralHost,
  createPublicOnlyDispatcher,
  PrivateDestinationError,
  privateDestinationIn,
} from './webhook-destination';
import { signWebhook } from './webhook-signature';

export interface WebhookActivityDeps {
  db: Database;
  /** False in production: only https receivers. True in development: http to localhost too. */
  allowLocalHttp?: boolean;
  /**
   * False in production: connections only to public addresses (no localhost, 10/8, metadata
   * endpoints...; see webhook-destination.ts). Always allowed where `allowLocalHttp` is; the
   * worker sets it from `WEBHOOK_ALLOW_PRIVATE_NETWORKS=1` (a self-hosted install calling
   * its own services).
   */
  allowPrivateNetworks?: boolean;
  /** Defaults to the global fetch (or the public-only one); tests may wrap it. */
  fetch?: typeof fetch;
  /** Unix seconds for the signature; defaults to the process clock. */
  nowSeconds?: () => number;
}

const callWebhookInput = z.object({
  workspaceId: z.string().min(1),
  journeyId: z.string().min(1),
  customerId: z.string().min(1),
  runId: z.string().min(1),
  stepId: z.string().min(1),
  url: z.string().min(1).max(2000),
  method: z.enum(['POST', 'PUT']),
  bodyTemplate: z.string().min(1).max(20_000),
  timeoutSeconds: z.number().int().min(1).max(30),
  retries: z.number().int().min(0).max(10),
  earlier: z.record(z.string(), z.unknown()).optional(),
  triggerEvent: z.object({ name: z.string(), properties: z.record(z.string(), z.unknown()) }).optional(),
});

export const webhookFailureTypes = {
  invalidInput: 'InvalidWebhookInput',
  notFound: 'WebhookTargetNotFound',
  /** Thrown for Temporal to retry (5xx, 408, 429, network, timeout) while attempts remain. */
  retryable: 'WebhookRetryable',
} as const;

/** Kept on the result (and so in the workflow history): enough to debug, not a whole page. */
export const responseBodyLimit = 1_000;
const readLimit = 64 * 1024;

function attemptNumber(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    // Called outside an activity (a script): one attempt, no Temporal retries.
    return 1;
  }
}

/** 4xx means the receiver will answer the same again, except "too slow" and "too many". */
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export function createWebhookActivities(deps: WebhookActivityDeps): Pick<JourneyActivities, 'callWebhook'> {
  const nowSeconds = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const allowLocalHttp = deps.allowLocalHttp ?? process.env.NODE_ENV !== 'production';
  const allowPrivateNetworks = deps.allowPrivateNetworks || allowLocalHttp;
  const doFetch: typeof fetch = deps.fetch ?? (allowPrivateNetworks ? fetch : publicOnlyFetch());

  return {
    /**
     * One signed request per attempt. Receivers dedupe by `Idempotency-Key` (run:step),
     * which every attempt of the step repeats. While attempts remain, a retryable outcome
     * is thrown for Temporal's backoff; the last attempt, or a refusal that retrying cannot
     * change, comes back as `failure` so the journey follows that output.
     */
    async callWebhook(rawInput: CallWebhookInput): Promise<CallWebhookResult> {
      const parsed = callWebhookInput.safeParse(rawInput);
      if (!parsed.success) {
        throw ApplicationFailure.nonRetryable(
          `callWebhook input is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          webhookFailureTypes.invalidInput,
        );
      }
      const input = parsed.data;
      const scope = input.workspaceId;
      const lastAttempt = attemptNumber() >= input.retries + 1;
      const fail = (
        error: string,
        statusCode: number | null = null,
        responseBody = '',
      ): CallWebhookResult => ({
        status: 'failure',
        statusCode,
        responseBody,
        error,
      });

      const urlProblem = webhookUrlProblem(input.url);
      if (urlProblem) return fail(`url: ${urlProblem}`);
      if (!allowLocalHttp && new URL(input.url).protocol !== 'https:')
        return fail('url: only https receivers are allowed in production');
      if (!allowPrivateNetworks) {
        try {
          checkLiteralHost(new URL(input.url));
        } catch (error) {
          if (error instanceof PrivateDestinationError) return fail(`url: ${error.message}`);
          throw error;
        }
      }

      const [customer] = await deps.db
        .select()
        .from(customers)
        .where(and(eq(customers.workspaceId, scope), eq(customers.id, input.customerId)));
      if (!customer) {
        throw ApplicationFailure.nonRetryable(
          `customer ${input.customerId} does not exist in workspace ${scope}`,
          webhookFailureTypes.notFound,
        );
      }
      const secret = await ensureWebhookSecret(deps.db, scope);
      if (!secret) {
        throw ApplicationFailure.nonRetryable(
          `workspace ${scope} does not exist`,
          webhookFailureTypes.notFound,
        );
      }

      let body: string;
      try {
        body = await jsonLiquid.parseAndRender(input.bodyTemplate, {
          customer: {
            id: customer.id,
            externalId: customer.externalId,
            email: customer.email,
            firstName: customer.firstName,
            lastName: customer.lastName,
            birthday: customer.birthday,
            locale: customer.locale,
            timeZone: customer.timeZone,
            marketingConsent: customer.marketingConsent,
            attributes: customer.attributes,
          },
          event: input.triggerEvent ?? null,
          steps: input.earlier ?? {},
        });
      } catch (error) {
        // The same template renders the same way on a retry: a failure, not an error to retry.
        return fail(`bodyTemplate: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        JSON.parse(body);
      } catch (error) {
        return fail(
          `bodyTemplate: the rendered body is not JSON (${(error as Error).message}); use | json for values`,
        );
      }

      let response: Response;
      try {
        response = await doFetch(input.url, {
          method: input.method,
          body,
          // A redirect could downgrade to http or leave the receiver the marketer entered.
          redirect: 'manual',
          signal: AbortSignal.timeout(input.timeoutSeconds * 1000),
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'Journeys-Webhook/1',
            'Idempotency-Key': `${input.runId}:${input.stepId}`,
            'X-Journeys-Signature': signWebhook(secret, body, nowSeconds()),
          },
        });
      } catch (error) {
        // Where a name points does not change on a retry within minutes: a refusal, not an outage.
        const privateDestination = privateDestinationIn(error);
        if (privateDestination) return fail(`url: ${privateDestination.message}`);
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        const message = timedOut
          ? `no answer within ${input.timeoutSeconds} s`
          : `request failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
        if (!lastAttempt)
          throw ApplicationFailure.create({
            message,
            type: webhookFailureTypes.retryable,
            nonRetryable: false,
          });
        return fail(message);
      }

      const responseBody = await readCapped(response);
      if (response.status >= 200 && response.status < 300)
        return { status: 'success', statusCode: response.status, responseBody };
      const message = `the receiver answered ${response.status}`;
      if (isRetryableStatus(response.status) && !lastAttempt) {
        throw ApplicationFailure.create({
          message,
          type: webhookFailureTypes.retryable,
          nonRetryable: false,
          details: [{ statusCode: response.status, responseBody }],
          ...retryAfter(response),
        });
      }
      return fail(message, response.status, responseBody);
    },
  };
}

/** undici's fetch over a pool whose every connection is checked by `publicOnlyLookup`. */
function publicOnlyFetch(): typeof fetch {
  const dispatcher = createPublicOnlyDispatcher();
  return ((url: string | URL | Request, init?: RequestInit) =>
    undiciFetch(url as string, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/** The start of the answer as text; the rest is not read (a receiver may stream megabytes). */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < readLimit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off mid-way still tells what the receiver said.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  return text.length > responseBodyLimit ? `${text.slice(0, responseBodyLimit)}…` : text;
}

/** A 429/503's `Retry-After: <seconds>` sets the next attempt's delay, within reason. */
function retryAfter(response: Response): { nextRetryDelay?: number } {
  const header = response.headers.get('retry-after');
  if (!header || !/^\d+$/.test(header.trim())) return {};
  const seconds = Math.min(Number(header), 300);
  return { nextRetryDelay: seconds * 1000 };
}
