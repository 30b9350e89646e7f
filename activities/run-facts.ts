import { ApplicationFailure } from '@temporalio/activity';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { getLoyaltyState } from '../db/customers/loyalty-state';
import { customers, events, messageLog, segmentMemberships, tiers } from '../db/schema';
import type {
  JourneyActivities,
  RunContextActivities,
  RunProfile,
} from '../workflows/journey/activities-contract';

/**
 * What a journey run reads about its customer: the profile once at start (zone, locale,
 * attributes for delays) and the facts a condition step decides on. Reads only, so
 * retries are harmless; every query filters by the workspace.
 */
export function createRunFactsActivities({
  db,
}: {
  db: Database;
}): RunContextActivities & Pick<JourneyActivities, 'readFacts'> {
  return {
    async loadRunContext({ workspaceId, customerId }): Promise<RunProfile | null> {
      const [row] = await db
        .select({
          timeZone: customers.timeZone,
          locale: customers.locale,
          attributes: customers.attributes,
          birthday: customers.birthday,
          createdAt: customers.createdAt,
        })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
      if (!row) return null;
      return {
        timeZone: row.timeZone,
        locale: row.locale,
        // The profile's date columns are attributes too, so "until birthday" or "signup + 30 days" work.
        attributes: {
          ...row.attributes,
          ...(row.birthday ? { birthday: row.birthday } : {}),
          signupDate: row.createdAt.toISOString(),
        },
      };
    },

    async readFacts(input) {
      const state = await getLoyaltyState(db, input.workspaceId, input.customerId);
      if (!state)
        throw ApplicationFailure.nonRetryable(`No customer "${input.customerId}" in this workspace.`);
      const thresholds =
        input.tierIds.length === 0
          ? []
          : await db
              .select({ id: tiers.id, threshold: tiers.threshold })
              .from(tiers)
              .where(and(eq(tiers.workspaceId, input.workspaceId), inArray(tiers.id, input.tierIds)));
      const emails: Record<string, { sent: boolean; opened: boolean; clicked: boolean }> = {};
      if (input.emailStepIds.length > 0) {
        const sent = await db
          .select({ stepId: messageLog.stepId })
          .from(messageLog)
          .where(
            and(
              eq(messageLog.workspaceId, input.workspaceId),
              eq(messageLog.runId, input.runId),
              inArray(messageLog.stepId, input.emailStepIds),
              eq(messageLog.status, 'sent'),
            ),
          );
        // Opens and clicks, once tracking records them as the customer's events naming the run and step.
        const engaged = await db
          .select({ name: events.name, stepId: sql<string>`${events.properties}->>'stepId'` })
          .from(events)
          .where(
            and(
              eq(events.workspaceId, input.workspaceId),
              eq(events.customerId, input.customerId),
              inArray(events.name, ['email_opened', 'email_clicked']),
              sql`${events.properties}->>'runId' = ${input.runId}`,
              sql`${events.properties}->>'stepId' in ${input.emailStepIds}`,
            ),
          );
        for (const stepId of input.emailStepIds) {
          const clicked = engaged.some((e) => e.stepId === stepId && e.name === 'email_clicked');
          emails[stepId] = {
            sent: sent.some((s) => s.stepId === stepId),
            // A click implies the email was opened (images may be blocked).
            opened: clicked || engaged.some((e) => e.stepId === stepId && e.name === 'email_opened'),
            clicked,
          };
        }
      }
      const segmentIds = input.segmentIds ?? [];
      const memberOf =
        segmentIds.length === 0
          ? []
          : await db
              .select({ segmentId: segmentMemberships.segmentId })
              .from(segmentMemberships)
              .where(
                and(
                  eq(segmentMemberships.workspaceId, input.workspaceId),
                  eq(segmentMemberships.customerId, input.customerId),
                  inArray(segmentMemberships.segmentId, segmentIds),
                ),
              );
      const members = new Set(memberOf.map((row) => row.segmentId));
      return {
        balance: state.balance,
        tier: state.tier && { id: state.tier.id, name: state.tier.name, threshold: state.tier.threshold },
        tierThresholds: Object.fromEntries(thresholds.map((t) => [t.id, t.threshold])),
        attributes: state.attributes,
        emails,
        // Membership as the last evaluation left it (after the customer's latest event, or daily).
        segments: Object.fromEntries(segmentIds.map((id) => [id, members.has(id)])),
      };
    },
  };
}
