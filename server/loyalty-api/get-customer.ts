import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { listExpiringPoints } from '../../db/customers/expiring-points';
import { loyaltyAccounts } from '../../db/schema';
import { getTierProgress } from '../../db/tiers/tier-progress';
import { invalidRequest } from '../http/api-error';
import { apiEndpoint } from '../http/api-endpoint';
import { externalCustomerIdSchema, presentTier, requireExternalCustomer } from './fields';

const defaultExpiringWithinDays = 30;
const expiringWithinDaysSchema = z.coerce
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1')
  .max(365, 'must be at most 365');

/**
 * `GET /api/v1/loyalty/customers/{customerId}`: what a checkout or till shows about a
 * member: balance, tier and the way to the next one, and the points expiring soon
 * (`?expiringWithinDays=`, 30 by default).
 */
export const getCustomerEndpoint = apiEndpoint({
  scope: 'loyalty:read',
  params: z.object({ customerId: externalCustomerIdSchema }),
  async handle({ db, workspaceId, params, query }) {
    const days = query.get('expiringWithinDays');
    const parsedDays = expiringWithinDaysSchema.safeParse(days ?? defaultExpiringWithinDays);
    if (!parsedDays.success)
      throw invalidRequest([{ path: 'expiringWithinDays', message: parsedDays.error.issues[0]!.message }]);

    const customer = await requireExternalCustomer(db, workspaceId, params.customerId);
    const [[account], progress, expiring] = await Promise.all([
      db
        .select({ balance: loyaltyAccounts.balance })
        .from(loyaltyAccounts)
        .where(
          and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customer.id)),
        ),
      getTierProgress(db, workspaceId, customer.id),
      listExpiringPoints(db, workspaceId, customer.id, parsedDays.data),
    ]);
    return {
      status: 200,
      body: {
        customer: {
          id: customer.externalId,
          email: customer.email,
          firstName: customer.firstName,
          lastName: customer.lastName,
          locale: customer.locale,
          timeZone: customer.timeZone,
        },
        balance: account?.balance ?? 0,
        tier: presentTier(progress.tier),
        tierProgress: progress.hasTiers
          ? {
              basis: progress.basis,
              windowMonths: progress.windowMonths,
              qualifyingValue: progress.qualifyingValue,
              nextTier: progress.nextTier && {
                ...presentTier(progress.nextTier),
                threshold: progress.nextTier.threshold,
              },
              gapToNext: progress.gapToNext,
            }
          : null,
        expiringPoints: {
          withinDays: parsedDays.data,
          total: expiring.reduce((sum, lot) => sum + lot.points, 0),
          lots: expiring,
        },
      },
    };
  },
});
