/**
 * The caller's address as the server in front of us reported it (Next.js sets
 * `x-forwarded-for` from the socket; a proxy appends to it). Only for rate-limit keys and the
 * audit log, never for access decisions.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || headers.get('x-real-ip') || null;
}
