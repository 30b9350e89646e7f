/**
 * Whether a template may read the loyalty facts that cost queries to compute (tier, next
 * tier, gap, expiring points): any mention of `loyalty` other than `loyalty.balance`, which
 * comes with the customer's row. Deliberately loose: a false "yes" costs a few queries, a
 * false "no" would print blanks, so anything like `{{ loyalty | json }}` or
 * `loyalty["tier"]` counts as a use.
 */
export function usesLoyaltyFacts(template: { subject: string; preheader?: string; mjml: string }): boolean {
  const pattern = /\bloyalty\b(?!\.balance\b)/;
  return (
    pattern.test(template.subject) || pattern.test(template.preheader ?? '') || pattern.test(template.mjml)
  );
}
