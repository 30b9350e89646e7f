import { awardPoints } from './award-points';
import { birthdayTrigger } from './birthday-trigger';
import { deductPoints } from './deduct-points';
import { issueReward } from './issue-reward';
import { loyaltyCondition } from './loyalty-condition';
import { recalculateTier } from './recalculate-tier';
import type { NodeDefinition } from './define-node';
export { nodeKinds } from './define-node';
import { sendEmail } from './send-email';

/** The one list of node types: the editor, the compiler and the interpreter all read it. */
export const nodeCatalog: readonly NodeDefinition[] = [
  birthdayTrigger,
  awardPoints,
  deductPoints,
  issueReward,
  recalculateTier,
  loyaltyCondition,
  sendEmail,
];

const byType = new Map(nodeCatalog.map((node) => [node.type, node]));

export function findNodeType(type: string): NodeDefinition | undefined {
  return byType.get(type);
}

export type {
  NodeDefinition,
  NodeKind,
  FieldSpec,
  ConfigReference,
  ReferenceKind,
  ConfigIssue,
  SummaryValues,
} from './define-node';
