import { webhookBodyProblem } from '../../emails/json-liquid';
import type { CompileError } from '../../workflows/journey/compiler';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { findNodeType } from '../../workflows/journey/nodes';

/**
 * What the pure compiler cannot check about webhook steps: the body template's Liquid
 * (the engine stays out of the workflow bundle) and whether plain http is allowed in this
 * deployment. Same error shape as the compiler's, so the canvas marks the step.
 */
export function checkWebhookSteps(graph: JourneyGraph, options: { allowLocalHttp: boolean }): CompileError[] {
  const errors: CompileError[] = [];
  const definition = findNodeType('webhook');
  if (!definition) return errors;
  for (const node of graph.nodes) {
    if (node.type !== 'webhook') continue;
    const parsed = definition.parseConfig(node.data);
    // Schema problems are the compiler's to report.
    if (!parsed.ok) continue;
    const config = parsed.config as { url: string; bodyTemplate: string };
    const problem = webhookBodyProblem(config.bodyTemplate);
    if (problem) {
      errors.push({
        code: 'invalid_config',
        nodeId: node.id,
        field: 'bodyTemplate',
        params: { nodeType: 'webhook', issue: 'invalid' },
        message: `Webhook: the body template ${problem}`,
      });
    }
    if (!options.allowLocalHttp && !config.url.startsWith('https://')) {
      errors.push({
        code: 'invalid_config',
        nodeId: node.id,
        field: 'url',
        params: { nodeType: 'webhook', issue: 'not_allowed' },
        message: 'Webhook: only https receivers are allowed in production.',
      });
    }
  }
  return errors;
}
