import { TRPCError } from '@trpc/server';
import { ZodRealError } from 'zod';

/**
 * A refusal about one input field, shaped like a zod issue on that field so forms show it
 * next to the field (server/trpc.ts turns the cause into `inputIssues`/`zodError`).
 * ZodRealError: in zod 4 only it is an Error, and tRPC keeps only an Error as the cause.
 */
export function fieldTRPCError(
  code: 'BAD_REQUEST' | 'CONFLICT' | 'NOT_FOUND' | 'PRECONDITION_FAILED',
  field: string,
  message: string,
): TRPCError {
  const cause = new ZodRealError([{ code: 'custom', path: field.split('.'), message }]);
  return new TRPCError({ code, message, cause });
}
