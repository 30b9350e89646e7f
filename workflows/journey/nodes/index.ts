import { awardPoints } from './award-points';
import { birthdayTrigger } from './birthday-trigger';
import { condition } from './condition';
import { dateAnniversaryTrigger } from './date-anniversary-trigger';
import { deductPoints } from './deduct-points';
import { delay } from './delay';
import { eventTrigger } from './event-trigger';
import { exitNode } from './exit';
import { issueReward } from './issue-reward';
import { loyaltyCondition } from './loyalty-condition';
import { manualTrigger } from './manual-trigger';
import { pointsExpiringTrigger } from './points-expiring-trigger';
import { randomSplit } from './random-split';
import { recalculateTier } from './recalculate-tier';
import type { NodeDefinition } from './define-node';
export { nodeKinds } from './define-node';
import { segmentEnteredTrigger } from './segment-entered-trigger';
import { sendEmail } from './send-email';
import { tierChangedTrigger } from './tier-changed-trigger';
import { updateProfile } from './update-profile';
import { waitForEvent } from './wait-for-event';
import { webhook } from './webhook';

/** The one list of node types: the editor, the compiler and the interpreter all read it. */
export const nodeCatalog: readonly NodeDefinition[] = [
  birthdayTrigger,
  dateAnniversaryTrigger,
  eventTrigger,
  tierChangedTrigger,
  pointsExpiringTrigger,
  segmentEnteredTrigger,
  manualTrigger,
  delay,
  waitForEvent,
  condition,
  randomSplit,
  exitNode,
  awardPoints,
  deductPoints,
  issueReward,
  recalculateTier,
  loyaltyCondition,
  sendEmail,
  updateProfile,
  webhook,
];

const byType = new Map(nodeCatalog.map((node) => [node.type, node]));

export function findNodeType(type: string): NodeDefinition | undefined {
  return byType.get(type);
}

export type {
  NodeDefinition,
  NodeKind,
  FieldSpec,
  PlanContext,
  StepPlan,
  OutputContext,
  ConfigReference,
  ReferenceKind,
  ConfigIssue,
  SummaryValues,
} from './define-node';
