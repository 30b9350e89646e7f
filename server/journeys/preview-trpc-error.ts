import { TRPCError } from '@trpc/server';
import { ZodRealError } from 'zod';
import { PreviewInputError } from './preview-subject';

/** A wrong reference in the preview's input, as a zod error on its field (`who.customerId`), like a failed parse. */
export function previewTRPCError(error: unknown): unknown {
  if (!(error instanceof PreviewInputError)) return error;
  return new TRPCError({
    code: error.notFound ? 'NOT_FOUND' : 'BAD_REQUEST',
    message: error.message,
    cause: new ZodRealError([{ code: 'custom', path: error.path, message: error.message, input: undefined }]),
  });
}
