import { CustomerEmailRequiredError } from '../../db/customers/upsert-customer';
import { IdempotencyConflictError, InsufficientPointsError, LedgerInputError } from '../../db/ledger/errors';
import { RewardUnavailableError, VoucherNotUsableError } from '../../db/rewards/errors';
import { ApiError } from './api-error';

/**
 * The domain's errors as API answers: 404 for what does not exist in the key's workspace,
 * 409 for a conflict with what happened before (a reused key, a used voucher), 422 for a
 * request the program's rules refuse. Null: not a domain error (the caller answers 500).
 * `fieldPath` turns the domain's field name into the request's path ("email" → "customer.email").
 */
export function domainErrorToApiError(
  error: unknown,
  fieldPath: (field: string) => string = (f) => f,
): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof IdempotencyConflictError) {
    return new ApiError(
      409,
      'idempotency_key_reused',
      `The idempotency key "${error.idempotencyKey}" was already used for a different request.`,
    );
  }
  if (error instanceof InsufficientPointsError) {
    return new ApiError(422, 'insufficient_points', error.message, {
      balance: error.balance,
      requested: error.requested,
    });
  }
  if (error instanceof CustomerEmailRequiredError) {
    const path = fieldPath('email');
    return new ApiError(422, 'customer_email_required', `${path}: ${error.message}`, {
      issues: [{ path, message: 'is required to create a customer who does not exist yet' }],
    });
  }
  if (error instanceof LedgerInputError) {
    const path = fieldPath(error.field);
    const message = error.message.startsWith(`${error.field}: `)
      ? error.message.slice(error.field.length + 2)
      : error.message;
    return new ApiError(422, 'unprocessable_request', `${path}: ${message}`, { issues: [{ path, message }] });
  }
  if (error instanceof RewardUnavailableError) {
    if (error.reason === 'not_found') return new ApiError(404, 'reward_not_found', error.message);
    const code =
      error.reason === 'insufficient_points' || error.reason === 'tier_required'
        ? error.reason
        : `reward_${error.reason}`;
    return new ApiError(422, code, error.message);
  }
  if (error instanceof VoucherNotUsableError) {
    switch (error.reason) {
      case 'not_found':
        return new ApiError(404, 'voucher_not_found', 'No voucher with this code exists.');
      case 'redeemed':
        return new ApiError(409, 'voucher_already_redeemed', error.message, {
          redeemedAt: error.redeemedAt?.toISOString() ?? null,
          redeemedOrderRef: error.redeemedOrderRef,
        });
      case 'expired':
        return new ApiError(422, 'voucher_expired', 'The voucher has expired.');
      case 'void':
        return new ApiError(422, 'voucher_void', 'The voucher was voided.');
    }
  }
  return null;
}
