/** A nested message catalog as `dotted.key → message`, the form next-intl looks keys up in. */
export function flattenMessages(catalog: unknown, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  if (catalog === null || typeof catalog !== 'object' || Array.isArray(catalog)) {
    flat.set(prefix, catalog);
    return flat;
  }
  for (const [key, value] of Object.entries(catalog)) {
    for (const [leaf, message] of flattenMessages(value, prefix ? `${prefix}.${key}` : key)) {
      flat.set(leaf, message);
    }
  }
  return flat;
}
