import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Registered by the dev-server start script, set by the starter and the interpreter, and
 * filtered on by the admin's runs list. Values are opaque ids only: no PII, because
 * search attributes are stored unencrypted.
 */
export const WorkspaceIdKey = defineSearchAttributeKey('WorkspaceId', SearchAttributeType.KEYWORD);
export const JourneyIdKey = defineSearchAttributeKey('JourneyId', SearchAttributeType.KEYWORD);
export const JourneyVersionKey = defineSearchAttributeKey('JourneyVersion', SearchAttributeType.INT);
export const CustomerIdKey = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const JourneyStepKey = defineSearchAttributeKey('JourneyStep', SearchAttributeType.KEYWORD);
/** `failed_step` while a run waits for an admin to retry a failed step; unset otherwise. */
export const JourneyAttentionKey = defineSearchAttributeKey('JourneyAttention', SearchAttributeType.KEYWORD);

export const journeySearchAttributes = [
  WorkspaceIdKey,
  JourneyIdKey,
  JourneyVersionKey,
  CustomerIdKey,
  JourneyStepKey,
  JourneyAttentionKey,
];
