import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { recordConsentChange } from '../db/compliance/consent';
import { databaseNow } from '../db/database-now';
import { newId } from '../db/ids';
import { customers, profileChanges } from '../db/schema';
import type {
  JourneyActivities,
  ProfileChange,
  UpdateProfileInput,
  UpdateProfileResult,
} from '../workflows/journey/activities-contract';

export interface ProfileActivityDeps {
  db: Database;
}

const profileChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('set_attribute'),
    attribute: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .max(100)
      .refine((name) => name !== 'tags', '"tags" is the tag list'),
    value: z.union([z.string().max(1000), z.number().finite(), z.boolean()]),
  }),
  z.object({ kind: z.literal('add_tag'), tag: z.string().trim().min(1).max(100) }),
  z.object({ kind: z.literal('remove_tag'), tag: z.string().trim().min(1).max(100) }),
  z.object({ kind: z.literal('set_consent'), consent: z.boolean() }),
]);

const updateProfileInput = z.object({
  workspaceId: z.string().min(1),
  journeyId: z.string().min(1),
  customerId: z.string().min(1),
  runId: z.string().min(1),
  stepId: z.string().min(1),
  change: profileChangeSchema,
});

export const updateProfileFailureTypes = {
  invalidInput: 'InvalidUpdateProfileInput',
  notFound: 'UpdateProfileTargetNotFound',
} as const;

type Customer = typeof customers.$inferSelect;

/** The tag list as stored; anything else in `attributes.tags` (shop data) is read as no tags. */
function tagsOf(customer: Customer): string[] {
  const tags = customer.attributes.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/** The customer's columns after the change, or null when the profile already is that way. */
function apply(
  customer: Customer,
  change: ProfileChange,
  now: Date,
  source: string,
): Partial<
  Pick<Customer, 'attributes' | 'marketingConsent' | 'marketingConsentAt' | 'marketingConsentSource'>
> | null {
  switch (change.kind) {
    case 'set_attribute':
      if (Object.is(customer.attributes[change.attribute], change.value)) return null;
      return { attributes: { ...customer.attributes, [change.attribute]: change.value } };
    case 'add_tag': {
      const tags = tagsOf(customer);
      if (tags.includes(change.tag)) return null;
      return { attributes: { ...customer.attributes, tags: [...tags, change.tag] } };
    }
    case 'remove_tag': {
      const tags = tagsOf(customer);
      if (!tags.includes(change.tag)) return null;
      return { attributes: { ...customer.attributes, tags: tags.filter((tag) => tag !== change.tag) } };
    }
    case 'set_consent':
      if (customer.marketingConsent === change.consent) return null;
      return { marketingConsent: change.consent, marketingConsentAt: now, marketingConsentSource: source };
  }
}

export function createProfileActivities(deps: ProfileActivityDeps): Pick<JourneyActivities, 'updateProfile'> {
  return {
    /**
     * One change per step, applied at most once per (run, step): the change and its record
     * are written in one transaction under the customer's row lock, and a retried attempt
     * returns what the first one recorded. Consent keeps its source (`journey:<id>`) and
     * time in the record, the customer row its current state and time.
     */
    async updateProfile(rawInput: UpdateProfileInput): Promise<UpdateProfileResult> {
      const parsed = updateProfileInput.safeParse(rawInput);
      if (!parsed.success) {
        throw ApplicationFailure.nonRetryable(
          `updateProfile input is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          updateProfileFailureTypes.invalidInput,
        );
      }
      const input = parsed.data;
      const scope = input.workspaceId;
      return deps.db.transaction(async (tx) => {
        const [customer] = await tx
          .select()
          .from(customers)
          .where(and(eq(customers.workspaceId, scope), eq(customers.id, input.customerId)))
          .for('update');
        if (!customer) {
          throw ApplicationFailure.nonRetryable(
            `customer ${input.customerId} does not exist in workspace ${scope}`,
            updateProfileFailureTypes.notFound,
          );
        }
        const [recorded] = await tx
          .select()
          .from(profileChanges)
          .where(
            and(
              eq(profileChanges.workspaceId, scope),
              eq(profileChanges.runId, input.runId),
              eq(profileChanges.stepId, input.stepId),
            ),
          );
        if (recorded) return { status: recorded.outcome, change: recorded.change };

        const at = await databaseNow(tx);
        const source = `journey:${input.journeyId}`;
        const update = apply(customer, input.change, at, source);
        const outcome = update ? 'updated' : 'unchanged';
        if (update) {
          await tx
            .update(customers)
            .set(update)
            .where(and(eq(customers.workspaceId, scope), eq(customers.id, customer.id)));
          // The consent history is the proof GDPR asks for: written with the change, or not at all.
          if (input.change.kind === 'set_consent') {
            await recordConsentChange(tx, {
              workspaceId: scope,
              customerId: customer.id,
              consent: input.change.consent,
              source,
              at,
            });
          }
        }
        await tx.insert(profileChanges).values({
          id: newId('pchg'),
          workspaceId: scope,
          customerId: customer.id,
          runId: input.runId,
          stepId: input.stepId,
          source,
          change: input.change,
          outcome,
          appliedAt: at,
        });
        return { status: outcome, change: input.change };
      });
    },
  };
}
