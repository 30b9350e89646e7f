import { TRPCError } from '@trpc/server';
import { ZodRealError } from 'zod';
import { IdempotencyConflictError, InsufficientPointsError, LedgerInputError } from '../db/ledger/errors';

/**
 * The ledger's errors as tRPC errors, shared by every router over domain code. A field
 * error becomes a zod error on that field, so the form shows it next to the field.
 * ZodRealError, not ZodError: in zod 4 only the former is an Error, and tRPC keeps only an
 * Error as the cause (anything else is copied into a plain one the error formatter ignores).
 */
export function ledgerTRPCError(error: unknown): TRPCError | null {
  if (error instanceof LedgerInputError) {
    const cause = new ZodRealError([
      { code: 'custom', path: error.field.split('.'), message: error.message },
    ]);
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause });
  }
  if (error instanceof IdempotencyConflictError)
    return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  if (error instanceof InsufficientPointsError)
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  return null;
}
