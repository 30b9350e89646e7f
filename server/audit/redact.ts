/** Keys whose values never reach the audit log (or any log): passwords, keys, tokens, secrets. */
const secretKey = /pass(word)?|secret|token|api_?key|private_?key|authorization|cookie/i;

const maxStringLength = 500;
const maxDepth = 6;

/**
 * A copy of an action's input fit for the audit log: secrets replaced by "[redacted]", long
 * strings (template bodies) cut, so the log says what was done without becoming a second
 * copy of everything.
 */
export function redactForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') {
    return value.length > maxStringLength
      ? `${value.slice(0, maxStringLength)}… (${value.length} characters)`
      : value;
  }
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= maxDepth) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, 50).map((item) => redactForAudit(item, depth + 1));
    return value.length > 50 ? [...items, `… ${value.length - 50} more`] : items;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      secretKey.test(key) ? '[redacted]' : redactForAudit(inner, depth + 1),
    ]),
  );
}

/** The id an action is about, when its input names one; shown as the log's "target" column. */
export function auditTarget(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null;
  const record = input as Record<string, unknown>;
  for (const key of [
    'workflowId',
    'journeyId',
    'customerId',
    'templateId',
    'rewardId',
    'tierId',
    'segmentId',
    'userId',
    'keyId',
    'id',
  ]) {
    const candidate = record[key];
    if (typeof candidate === 'string' && candidate.length > 0) return candidate;
  }
  return null;
}
