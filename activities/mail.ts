import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { decideMarketingSend, decideSend } from '../db/compliance/decide-send';
import { sqlLookupIsExact } from '../db/compliance/sql-suppression';
import { recordHardBounce } from '../db/compliance/suppressions';
import { claimSend, type ClaimedRow, type SendWindowFacts } from '../db/messages/claim-send';
import { createSentMarker, type SentMarker } from '../db/messages/sent-marker';
import { markFailed, markSuppressed, suppressionReason } from '../db/messages/message-log';
import { messageLog } from '../db/schema';
import { loadLoyaltyFacts } from '../db/templates/loyalty-facts';
import { createTemplateVersionCache } from '../db/templates/version-cache';
import { pickVersionContent } from '../db/templates/pick-variant';
import { createLinkToken } from '../emails/signed-link';
import { renderEmail, type EmailRenderer, type RenderedEmail } from '../emails/render';
import { TemplateError } from '../emails/template-error';
import { addTracking, ownCustomerLinks } from '../emails/tracking';
import { usesLoyaltyFacts } from '../emails/uses-loyalty-facts';
import { PermanentSmtpError, sendMail, type MailTransport, type SmtpAccepted } from '../emails/transport';
import { buildEmailVariables } from '../emails/variables';
import type {
  JourneyActivities,
  SendEmailInput,
  SendEmailResult,
} from '../workflows/journey/activities-contract';
import { decideSendWindow, type EmailCap, type QuietHours } from '../emails/send-window';

export interface MailActivityDeps {
  db: Database;
  transport: MailTransport;
  /** The From header, e.g. `Demo Shop <hello@demo-shop.test>`. */
  mailFrom: string;
  /** Public base URL of the web app, for the links in the mail. */
  appUrl: string;
  /** Signs the member and unsubscribe links (emails/signed-link.ts). */
  appSecret: string;
  /** Defaults to the process-wide renderer (one template cache per worker). */
  renderer?: Pick<EmailRenderer, 'render'>;
  /** Defaults to one per activities object (the bench passes its own to read its figures). */
  sentMarker?: SentMarker;
  /** The clock for quiet hours and the cap; defaults to the database's (tests pin it). */
  now?: () => Date;
}

const sendEmailInput = z.object({
  workspaceId: z.string().min(1),
  journeyId: z.string().min(1),
  journeyVersion: z.number().int(),
  customerId: z.string().min(1),
  runId: z.string().min(1),
  stepId: z.string().min(1),
  templateId: z.string().min(1),
  earlier: z.record(z.string(), z.unknown()).optional(),
  triggerEvent: z.object({ name: z.string(), properties: z.record(z.string(), z.unknown()) }).optional(),
  quietHours: z
    .object({ startHour: z.number().int().min(0).max(23), endHour: z.number().int().min(0).max(23) })
    .nullish(),
  emailCap: z.object({ count: z.number().int().min(1), periodHours: z.number().int().min(1) }).nullish(),
});

export const sendEmailFailureTypes = {
  invalidInput: 'InvalidSendEmailInput',
  notFound: 'SendEmailTargetNotFound',
  template: 'EmailTemplateError',
  notPublished: 'EmailTemplateNotPublished',
  rejected: 'EmailRejected',
} as const;

/**
 * Why a send was skipped (`status: 'suppressed'`); the reason is recorded on the run. The
 * consent, suppression-list and topic reasons come from `decideMarketingSend`
 * (`no_marketing_consent`, `suppressed_unsubscribed|bounced|complained|manual`, `topic_opted_out`).
 */
export const sendEmailSkipReasons = {
  noMarketingConsent: 'no_marketing_consent',
  noEmailAddress: 'no_email_address',
} as const;

export function createMailActivities(deps: MailActivityDeps): Pick<JourneyActivities, 'sendEmail'> {
  const renderer = deps.renderer ?? { render: renderEmail };
  const messageIdDomain = domainOf(deps.mailFrom);
  const appUrl = deps.appUrl.replace(/\/+$/, '');
  const versions = createTemplateVersionCache();
  const sentMarker = deps.sentMarker ?? createSentMarker(deps.db);

  return {
    /**
     * Never sends twice for one (run, step), however often Temporal retries: the message-log
     * row is claimed before SMTP and marked after it. The one gap, a crash after the server
     * accepted the mail but before the row was marked sent, resends with the same Message-ID.
     */
    async sendEmail(rawInput: SendEmailInput): Promise<SendEmailResult> {
      const parsed = sendEmailInput.safeParse(rawInput);
      if (!parsed.success) {
        throw ApplicationFailure.nonRetryable(
          `sendEmail input is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          sendEmailFailureTypes.invalidInput,
        );
      }
      const input = parsed.data;
      const scope = input.workspaceId;

      // The customer's row locked, everything the decision needs read and the (run, step) row
      // claimed, in one statement (in a transaction with the window's question first when the
      // journey has quiet hours or a cap): see claim-send.ts.
      const window = input.quietHours || input.emailCap ? input : undefined;
      const claimed = await claimSend(
        deps.db,
        {
          workspaceId: scope,
          runId: input.runId,
          stepId: input.stepId,
          customerId: input.customerId,
          templateId: input.templateId,
          messageIdDomain,
          meta: { journeyId: input.journeyId, journeyVersion: input.journeyVersion },
        },
        window && {
          capPeriodHours: window.emailCap?.periodHours ?? null,
          now: deps.now,
          decide: (facts) => deferral(facts, window.quietHours ?? null, window.emailCap ?? null),
        },
      );
      if (claimed.kind === 'missing-customer') throw notFound(`customer ${input.customerId}`, scope);
      if (claimed.kind === 'missing-template') throw notFound(`email template ${input.templateId}`, scope);
      if (claimed.kind === 'deferred') return claimed.deferral;
      const { customer, template, row } = claimed.claim;
      const recorded = recordedResult(row);
      if (recorded) return recorded;

      // The version live when this (run, step) first claimed its row: a retry after a publish
      // sends what the first attempt would have, and the row says which it was.
      const versionNumber = row.templateVersion ?? template.liveVersion;
      if (versionNumber === null) {
        const message =
          `Email template "${template.name}" (${template.id}) has never been published: ` +
          'publish it in the template studio, then run the journey again.';
        await markFailed(deps.db, { workspaceId: scope, id: row.id, error: message });
        throw ApplicationFailure.create({
          message,
          type: sendEmailFailureTypes.notPublished,
          nonRetryable: true,
          details: [{ templateId: template.id }],
        });
      }
      if (row.templateVersion === null) {
        // A row claimed before versions existed, or while the template was unpublished.
        await deps.db
          .update(messageLog)
          .set({ templateVersion: versionNumber })
          .where(and(eq(messageLog.workspaceId, scope), eq(messageLog.id, row.id)));
      }
      // Read before the consent decision: category and topic are the version's, as published.
      // Versions never change, so each is read once per worker.
      const version = await versions.get(deps.db, scope, template.id, versionNumber);
      if (!version) throw notFound(`version ${versionNumber} of email template ${template.id}`, scope);

      // A customer known only from tracked events has no address yet: the step is recorded
      // as skipped rather than failed, so the journey goes on (an identify may add one later).
      const address = customer.email;
      if (!address) {
        const reason = sendEmailSkipReasons.noEmailAddress;
        await markSuppressed(deps.db, { workspaceId: scope, id: row.id, reason });
        return suppressedResult(row, reason);
      }

      // The suppression list, consent and topic opt-outs as the claiming statement read them,
      // under the customer's lock: the decision is made on what held when the row was claimed.
      const decision = sqlLookupIsExact(address)
        ? decideSend({
            category: version.category,
            topic: version.topic,
            marketingConsent: customer.marketingConsent,
            suppression: claimed.claim.suppression,
            optedOutTopics: claimed.claim.optedOutTopics,
          })
        : await decideMarketingSend(deps.db, {
            workspaceId: scope,
            customer: { id: customer.id, email: address, marketingConsent: customer.marketingConsent },
            category: version.category,
            topic: version.topic,
          });
      if (!decision.allowed) {
        await markSuppressed(deps.db, { workspaceId: scope, id: row.id, reason: decision.reason });
        return suppressedResult(row, decision.reason);
      }

      const content = pickVersionContent(version, {
        customerLocale: customer.locale,
        workspaceLocale: claimed.claim.workspace.defaultLocale,
      });
      // One cache entry per version and language: the renderer keys by id and content hash.
      const renderable = {
        id: `${template.id}:v${version.version}:${content.locale}`,
        subject: content.subject,
        preheader: content.preheader,
        mjml: content.mjml,
      };
      const { workspace } = claimed.claim;
      const balance = claimed.claim.balance ?? 0;
      // After the claim: several reads that need no lock, kept out of the claiming statement.
      const loyalty = usesLoyaltyFacts(renderable)
        ? await loadLoyaltyFacts(deps.db, {
            workspaceId: scope,
            customerId: customer.id,
            timeZone: customer.timeZone,
          })
        : undefined;
      const linkToken = (purpose: 'member' | 'unsubscribe') =>
        createLinkToken(deps.appSecret, { customerId: customer.id, workspaceId: scope, purpose });
      // One token serves the one-click header, the unsubscribe page and the preference page.
      const unsubscribeToken = linkToken('unsubscribe');
      // RFC 8058 one-click: mail clients POST to this URL without showing our page, so it is
      // a route handler of its own (a page cannot answer a bare POST).
      const oneClickUnsubscribe = `${appUrl}/api/unsubscribe/${unsubscribeToken}`;
      const variables = buildEmailVariables({
        customer,
        balance,
        loyalty,
        messageId: row.id,
        earlier: input.earlier ?? {},
        event: input.triggerEvent ?? null,
        workspace,
        links: {
          // Signed, expiring tokens rather than the customer id: a guessed or forwarded URL
          // must not let anyone else read the points or unsubscribe the customer.
          memberPage: `${appUrl}/member/${linkToken('member')}`,
          unsubscribe: `${appUrl}/unsubscribe/${unsubscribeToken}`,
          // The preference page takes the unsubscribe token: the same power, more choices.
          preferences: `${appUrl}/preferences/${unsubscribeToken}`,
        },
      });

      let email: RenderedEmail;
      try {
        email = await renderer.render(renderable, variables);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        await markFailed(deps.db, { workspaceId: scope, id: row.id, error: error.message });
        throw ApplicationFailure.create({
          message: error.message,
          type: sendEmailFailureTypes.template,
          nonRetryable: true,
          details: [{ templateId: template.id, problems: error.problems }],
        });
      }

      // Per recipient after Liquid, as the links are only known then: signed click links and
      // an open pixel feed `email_opened` / `email_clicked` back into the event pipeline. The
      // customer's own links (unsubscribe, preferences, member page) stay direct: they carry
      // credentials that must not travel on in click events. A workspace may turn it off.
      if (workspace.emailTracking) {
        email = {
          ...email,
          html: addTracking(email.html, {
            baseUrl: appUrl,
            secret: deps.appSecret,
            messageLogId: row.id,
            exclude: ownCustomerLinks(appUrl),
          }),
        };
      }

      let accepted: SmtpAccepted;
      try {
        accepted = await sendMail(deps.transport, {
          from: deps.mailFrom,
          // The bare address, no display name: the dev inbox and tests match on it, and a name
          // from shop data adds nothing the greeting does not already say.
          to: { address },
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: row.messageId,
          headers: {
            'List-Unsubscribe': `<${oneClickUnsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        });
      } catch (error) {
        // Anything else (4xx, lost connection, timeout) is thrown as is: Temporal retries,
        // and the claimed row makes the retry safe.
        if (!(error instanceof PermanentSmtpError)) throw error;
        await deps.db.transaction(async (tx) => {
          await markFailed(tx, {
            workspaceId: scope,
            id: row.id,
            subject: email.subject,
            smtpResponse: error.response,
            error: error.message,
          });
          // The mailbox does not exist: every later mail to it, transactional too, would
          // bounce the same way and cost the sender's reputation.
          if (error.hardBounce) {
            await recordHardBounce(tx, {
              workspaceId: scope,
              address,
              smtpResponse: error.response ?? error.message,
              messageLogId: row.id,
            });
          }
        });
        // The address stays out of the message: failures are kept in the workflow history.
        throw ApplicationFailure.create({
          message: `The mail server refused message ${row.id}: ${error.message}`,
          type: sendEmailFailureTypes.rejected,
          nonRetryable: true,
          details: [{ messageLogId: row.id, responseCode: error.responseCode, command: error.command }],
        });
      }
      // In one statement with the other sends finishing now (sent-marker.ts). If this fails the
      // mail is out but the row still says queued: the retry resends with the same Message-ID,
      // the one duplicate this protocol allows.
      await sentMarker.mark({
        workspaceId: scope,
        id: row.id,
        subject: email.subject,
        smtpResponse: accepted.response,
      });
      return { status: 'sent', messageLogId: row.id, messageId: row.messageId };
    },
  };
}

/**
 * Quiet hours in the customer's zone, and the cap over every journey's mails to them in
 * the period. Claimed-but-unsent rows count too: they are sends under way, and counting
 * them keeps two runs from both squeezing under the cap. `claimSend` asks it under the
 * customer's row lock, so concurrent sends to one customer decide one after the other.
 */
function deferral(
  facts: SendWindowFacts,
  quietHours: QuietHours | null,
  emailCap: EmailCap | null,
): SendEmailResult | undefined {
  const decision = decideSendWindow({
    now: facts.now,
    timeZone: facts.timeZone,
    quietHours,
    emailCap,
    sentAt: facts.recentSends,
  });
  if (decision.send) return undefined;
  return { status: 'deferred', reason: decision.reason, until: decision.until.toISOString() };
}

/** What an earlier attempt already decided, if anything. */
function recordedResult(row: ClaimedRow): SendEmailResult | undefined {
  if (row.status === 'sent') return { status: 'sent', messageLogId: row.id, messageId: row.messageId };
  if (row.status === 'suppressed') return suppressedResult(row, suppressionReason(row));
  return undefined;
}

function suppressedResult(row: Pick<ClaimedRow, 'id'>, reason: string): SendEmailResult {
  return { status: 'suppressed', messageLogId: row.id, reason };
}

function notFound(what: string, workspaceId: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `${what} does not exist in workspace ${workspaceId}`,
    sendEmailFailureTypes.notFound,
  );
}

/** `Demo Shop <hello@demo-shop.test>` → `demo-shop.test`. */
function domainOf(address: string): string | undefined {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(address)?.[1]?.toLowerCase();
}
