/**
 * An address shown on a page anyone holding the link can open (a forwarded email): enough
 * for the customer to recognise it, too little to harvest it. "anna.schmidt@example.com"
 * → "an•••@example.com"; a one- or two-letter local part keeps only its first letter.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const kept = [...local].slice(0, local.length > 3 ? 2 : 1).join('');
  return `${kept}•••@${domain}`;
}
