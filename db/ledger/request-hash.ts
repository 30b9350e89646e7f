import { createHash } from 'node:crypto';

/** Stable hash of a request: keys sorted, so the same request always hashes the same. */
export function requestHash(request: Record<string, unknown>): string {
  const canonical = JSON.stringify(request, Object.keys(request).sort());
  return createHash('sha256').update(canonical).digest('hex');
}
