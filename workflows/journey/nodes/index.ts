import { awardPoints } from './award-points';
import { birthdayTrigger } from './birthday-trigger';
import type { NodeDefinition } from './define-node';
export { nodeKinds } from './define-node';
import { sendEmail } from './send-email';

/** The one list of node types: the editor, the compiler and the interpreter all read it. */
export const nodeCatalog: readonly NodeDefinition[] = [birthdayTrigger, awardPoints, sendEmail];

const byType = new Map(nodeCatalog.map((node) => [node.type, node]));

export function findNodeType(type: string): NodeDefinition | undefined {
  return byType.get(type);
}

export type {
  NodeDefinition,
  NodeKind,
  FieldSpec,
  ConfigReference,
  ConfigIssue,
  SummaryValues,
} from './define-node';
