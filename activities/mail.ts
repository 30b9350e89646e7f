import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../db/client';
import { decideMarketingSend, decideSend } from '../db/compliance/decide-send';
import { sqlLookupIsExact, suppressionOfCustomerEmail } from '../db/compliance/sql-suppression';
import { recordHardBounce } from '../db/compliance/suppressions';
import { databaseNow } from '../db/database-now';
import {
  claimMessage,
  markFailed,
  markSent,
  markSuppressed,
  suppressionReason,
  type MessageLogRow,
} from '../db/messages/message-log';
import {
  customerTopicOptouts,
  customers,
  emailTemplates,
  emailTemplateVersions,
  loyaltyAccounts,
  messageLog,
  workspaces,
} from '../db/schema';
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
import { decideSendWindow, type EmailCap, type QuietHours } from './send-window';

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

  return {
    /**
     * Never sends twice for one (run, step), however often Temporal retries: the message-log
     * row is claimed before SMTP and marked after it. The one gap, a crash after the server
     * accepted the mail but before `markSent`, resends with the same Message-ID.
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

      // Consent is read with the customer's row locked, in the transaction that claims the
      // message row, so the decision and the claim are one step; the frequency cap and the
      // suppression list belong here too when they come.
      const claim = await deps.db.transaction(async (tx) => {
        // One statement for everything the decision needs, the customer's row locked (not the
        // workspace's or the template's: every send of the workspace reads those).
        const [found] = await tx
          .select({
            // The columns the send uses, not the whole row: building and mapping each selected
            // column is most of drizzle's cost per email.
            customer: {
              id: customers.id,
              email: customers.email,
              firstName: customers.firstName,
              lastName: customers.lastName,
              locale: customers.locale,
              timeZone: customers.timeZone,
              marketingConsent: customers.marketingConsent,
            },
            workspaceName: workspaces.name,
            postalAddress: workspaces.postalAddress,
            emailTracking: workspaces.emailTracking,
            workspaceLocale: workspaces.defaultLocale,
            balance: loyaltyAccounts.balance,
            templateId: emailTemplates.id,
            templateName: emailTemplates.name,
            liveVersion: emailTemplates.liveVersion,
            // The decision's facts in the same statement (see sql-suppression.ts for when the
            // SQL lookup is exact); the opt-outs are few per customer, so all are read.
            suppression: suppressionOfCustomerEmail,
            optedOutTopics: sql<
              string[]
            >`array(select ${customerTopicOptouts.topicKey} from ${customerTopicOptouts}
              where ${customerTopicOptouts.workspaceId} = ${customers.workspaceId}
                and ${customerTopicOptouts.customerId} = ${customers.id})`,
          })
          .from(customers)
          .innerJoin(workspaces, eq(workspaces.id, customers.workspaceId))
          .leftJoin(
            loyaltyAccounts,
            and(eq(loyaltyAccounts.workspaceId, scope), eq(loyaltyAccounts.customerId, customers.id)),
          )
          .leftJoin(
            emailTemplates,
            and(eq(emailTemplates.workspaceId, scope), eq(emailTemplates.id, input.templateId)),
          )
          .where(and(eq(customers.workspaceId, scope), eq(customers.id, input.customerId)))
          .for('update', { of: customers });
        if (!found) throw notFound(`customer ${input.customerId}`, scope);
        const { customer } = found;
        if (!found.templateId || !found.templateName)
          throw notFound(`email template ${input.templateId}`, scope);
        const template = { id: found.templateId, name: found.templateName, liveVersion: found.liveVersion };

        // Quiet hours and the cap are asked only before the first claim: a deferral writes
        // nothing, so the later attempt of this (run, step) claims as if it were the first,
        // and a row an earlier attempt claimed was already allowed (it counts for the cap).
        // A send that will be skipped (no consent, no address) is not deferred: its reason
        // is recorded now rather than after a night's wait.
        const sendable = customer.marketingConsent && Boolean(customer.email);
        if ((input.quietHours || input.emailCap) && sendable) {
          const claimed = await hasClaim(tx, scope, input.runId, input.stepId);
          if (!claimed) {
            const deferred = await deferral(tx, {
              workspaceId: scope,
              customerId: customer.id,
              timeZone: customer.timeZone,
              quietHours: input.quietHours ?? null,
              emailCap: input.emailCap ?? null,
              now: deps.now,
            });
            if (deferred) return { kind: 'done' as const, result: deferred };
          }
        }

        const row = await claimMessage(tx, {
          workspaceId: scope,
          runId: input.runId,
          stepId: input.stepId,
          customerId: customer.id,
          templateId: template.id,
          toAddress: customer.email,
          messageIdDomain,
          // The version live when this (run, step) first claimed its row: a retry after a
          // publish sends what the first attempt would have, and the row says which it was.
          templateVersion: template.liveVersion,
          meta: { journeyId: input.journeyId, journeyVersion: input.journeyVersion },
        });
        const recorded = recordedResult(row);
        if (recorded) return { kind: 'done' as const, result: recorded };

        const versionNumber = row.templateVersion ?? template.liveVersion;
        if (versionNumber === null) {
          const message =
            `Email template "${template.name}" (${template.id}) has never been published: ` +
            'publish it in the template studio, then run the journey again.';
          await markFailed(tx, { workspaceId: scope, id: row.id, error: message });
          return {
            kind: 'fail' as const,
            message,
            type: sendEmailFailureTypes.notPublished,
            templateId: template.id,
          };
        }
        if (row.templateVersion === null) {
          // A row claimed before versions existed, or while the template was unpublished.
          await tx
            .update(messageLog)
            .set({ templateVersion: versionNumber })
            .where(and(eq(messageLog.workspaceId, scope), eq(messageLog.id, row.id)));
        }
        // Read before the consent decision: category and topic are the version's, as published.
        // Versions never change, so each is read once per worker.
        const version = await versions.get(tx, scope, template.id, versionNumber);
        if (!version) throw notFound(`version ${versionNumber} of email template ${template.id}`, scope);

        // A customer known only from tracked events has no address yet: the step is recorded
        // as skipped rather than failed, so the journey goes on (an identify may add one later).
        const address = customer.email;
        if (!address) {
          const reason = sendEmailSkipReasons.noEmailAddress;
          await markSuppressed(tx, { workspaceId: scope, id: row.id, reason });
          return { kind: 'done' as const, result: suppressedResult(row, reason) };
        }

        // The suppression list, consent and topic opt-outs, decided under the customer's lock
        // in the transaction that claims the row: an unsubscribe cannot slip in between.
        const decision = sqlLookupIsExact(address)
          ? decideSend({
              category: version.category,
              topic: version.topic,
              marketingConsent: customer.marketingConsent,
              suppression: found.suppression,
              optedOutTopics: found.optedOutTopics,
            })
          : await decideMarketingSend(tx, {
              workspaceId: scope,
              customer: { id: customer.id, email: address, marketingConsent: customer.marketingConsent },
              category: version.category,
              topic: version.topic,
            });
        if (!decision.allowed) {
          await markSuppressed(tx, { workspaceId: scope, id: row.id, reason: decision.reason });
          return { kind: 'done' as const, result: suppressedResult(row, decision.reason) };
        }

        const content = pickVersionContent(version, {
          customerLocale: customer.locale,
          workspaceLocale: found.workspaceLocale,
        });
        return {
          kind: 'send' as const,
          address,
          row,
          customer,
          // One cache entry per version and language: the renderer keys by id and content hash.
          template: {
            id: `${template.id}:v${version.version}:${content.locale}`,
            subject: content.subject,
            preheader: content.preheader,
            mjml: content.mjml,
          },
          workspace: { name: found.workspaceName, postalAddress: found.postalAddress },
          emailTracking: found.emailTracking,
          balance: found.balance ?? 0,
        };
      });
      if (claim.kind === 'done') return claim.result;
      if (claim.kind === 'fail') {
        // Thrown after the transaction, so the failed row it recorded is kept.
        throw ApplicationFailure.create({
          message: claim.message,
          type: claim.type,
          nonRetryable: true,
          details: [{ templateId: claim.templateId }],
        });
      }
      const { row, customer, address, template, workspace, balance, emailTracking } = claim;
      // Outside the transaction: several reads that need no lock, kept off the customer's.
      const loyalty = usesLoyaltyFacts(template)
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
        email = await renderer.render(template, variables);
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
      if (emailTracking) {
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
      // If this fails the mail is out but the row still says queued: the retry resends with
      // the same Message-ID, the one duplicate this protocol allows.
      await markSent(deps.db, {
        workspaceId: scope,
        id: row.id,
        subject: email.subject,
        smtpResponse: accepted.response,
      });
      return { status: 'sent', messageLogId: row.id, messageId: row.messageId };
    },
  };
}

async function hasClaim(tx: Executor, workspaceId: string, runId: string, stepId: string) {
  const [row] = await tx
    .select({ id: messageLog.id })
    .from(messageLog)
    .where(
      and(
        eq(messageLog.workspaceId, workspaceId),
        eq(messageLog.runId, runId),
        eq(messageLog.stepId, stepId),
      ),
    );
  return row !== undefined;
}

/**
 * Quiet hours in the customer's zone, and the cap over every journey's mails to them in
 * the period. Claimed-but-unsent rows count too: they are sends under way, and counting
 * them keeps two runs from both squeezing under the cap. The caller holds the customer's
 * row lock, so concurrent sends to one customer decide one after the other.
 */
async function deferral(
  tx: Executor,
  input: {
    workspaceId: string;
    customerId: string;
    timeZone: string;
    quietHours: QuietHours | null;
    emailCap: EmailCap | null;
    now: (() => Date) | undefined;
  },
): Promise<SendEmailResult | undefined> {
  const now = input.now ? input.now() : await databaseNow(tx);
  let sentAt: Date[] = [];
  if (input.emailCap) {
    const since = new Date(now.getTime() - input.emailCap.periodHours * 3_600_000);
    const at = sql<Date>`coalesce(${messageLog.sentAt}, ${messageLog.createdAt})`;
    const rows = await tx
      .select({ at })
      .from(messageLog)
      .where(
        and(
          eq(messageLog.workspaceId, input.workspaceId),
          eq(messageLog.customerId, input.customerId),
          inArray(messageLog.status, ['sent', 'queued']),
          sql`${at} > ${since.toISOString()}::timestamptz`,
        ),
      );
    sentAt = rows.map((row) => new Date(row.at));
  }
  const decision = decideSendWindow({
    now,
    timeZone: input.timeZone,
    quietHours: input.quietHours,
    emailCap: input.emailCap,
    sentAt,
  });
  if (decision.send) return undefined;
  return { status: 'deferred', reason: decision.reason, until: decision.until.toISOString() };
}

/** What an earlier attempt already decided, if anything. */
function recordedResult(row: MessageLogRow): SendEmailResult | undefined {
  if (row.status === 'sent') return { status: 'sent', messageLogId: row.id, messageId: row.messageId };
  if (row.status === 'suppressed') return suppressedResult(row, suppressionReason(row));
  return undefined;
}

function suppressedResult(row: MessageLogRow, reason: string): SendEmailResult {
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
