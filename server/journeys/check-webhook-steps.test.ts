import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { checkWebhookSteps } from './check-webhook-steps';

function graphWith(data: Record<string, unknown>): JourneyGraph {
  return {
    nodes: [
      {
        id: 'hook',
        type: 'webhook',
        position: { x: 0, y: 0 },
        data: { url: 'http://localhost:9/x', method: 'POST', timeoutSeconds: 5, retries: 1, ...data },
      },
    ],
    edges: [],
  } as JourneyGraph;
}

describe('checkWebhookSteps', () => {
  it('accepts a template that renders to JSON', () => {
    expect(
      checkWebhookSteps(graphWith({ bodyTemplate: '{"e": {{ customer.email | json }}}' }), {
        allowLocalHttp: true,
      }),
    ).toEqual([]);
  });

  it('refuses invalid Liquid and bodies that are not JSON, on the bodyTemplate field', () => {
    const [liquid] = checkWebhookSteps(graphWith({ bodyTemplate: '{"e": {% if %}}' }), {
      allowLocalHttp: true,
    });
    expect(liquid).toMatchObject({ code: 'invalid_config', nodeId: 'hook', field: 'bodyTemplate' });
    expect(liquid!.message).toMatch(/not valid Liquid/);
    const [json] = checkWebhookSteps(graphWith({ bodyTemplate: '{"e": {{ customer.email }}}' }), {
      allowLocalHttp: true,
    });
    expect(json!.message).toMatch(/does not render to JSON/);
  });

  it('refuses http in production', () => {
    expect(
      checkWebhookSteps(graphWith({ bodyTemplate: '{}' }), { allowLocalHttp: false }).map((e) => e.field),
    ).toEqual(['url']);
  });
});
