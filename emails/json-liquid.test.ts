import { describe, expect, it } from 'vitest';
import { jsonLiquid, webhookBodyProblem } from './json-liquid';

describe('webhook body templates', () => {
  it('writes missing values as null and escapes strings', async () => {
    const out = await jsonLiquid.parseAndRender('{"a": {{ x.missing | json }}, "b": {{ name | json }}}', {
      x: {},
      name: 'Zoë "Z" <b>',
    });
    expect(JSON.parse(out)).toEqual({ a: null, b: 'Zoë "Z" <b>' });
  });

  it('accepts a template that renders to JSON', () => {
    expect(
      webhookBodyProblem('{"id": {{ customer.id | json }}, "plan": {{ customer.attributes.plan | json }}}'),
    ).toBeNull();
  });

  it('names broken Liquid and bodies that are not JSON', () => {
    expect(webhookBodyProblem('{"id": {{ customer.id | nosuchfilter }}}')).toMatch(/^not valid Liquid/);
    expect(webhookBodyProblem('{"id": {% if %}')).toMatch(/^not valid Liquid/);
    expect(webhookBodyProblem('{"name": {{ customer.firstName }}}')).toMatch(/^does not render to JSON/);
  });
});
