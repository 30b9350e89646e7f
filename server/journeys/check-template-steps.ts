import type { CompileError } from '../../workflows/journey/compiler';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { findNodeType } from '../../workflows/journey/nodes';

/**
 * A step may only send a template that has a published version: sends use the live version,
 * and a never-published one would fail every run at that step. (A missing template is the
 * compiler's `missing_reference`.) Same error shape as the compiler's, so the canvas marks it.
 */
export function checkTemplateSteps(
  graph: JourneyGraph,
  unpublished: ReadonlyMap<string, string>,
): CompileError[] {
  const errors: CompileError[] = [];
  for (const node of graph.nodes) {
    const definition = findNodeType(node.type);
    for (const ref of definition?.references(node.data) ?? []) {
      const name = ref.kind === 'template' ? unpublished.get(ref.id) : undefined;
      if (name === undefined) continue;
      errors.push({
        code: 'unpublished_template',
        nodeId: node.id,
        field: ref.field,
        params: { nodeType: node.type, template: name },
        message: `${definition!.label}: the template "${name}" has no published version yet; publish it in the template studio first.`,
      });
    }
  }
  return errors;
}
