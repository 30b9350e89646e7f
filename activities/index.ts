import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import type { MailTransport } from '../emails/transport';
import { createTriggerActivities } from './anniversary-scan';
import { createBroadcastActivities } from './broadcast';
import { createExpiringNoticeActivities } from './expiring-notices';
import { createExpiryActivities } from './expiry';
import { createLoyaltyActivities } from './loyalty';
import { createMailActivities } from './mail';
import { createProfileActivities } from './profile';
import { createRunFactsActivities } from './run-facts';
import { createSegmentActivities } from './segments';
import { createStepPassActivities } from './step-passes';
import { createTierReviewActivities } from './tier-review';
import { createWebhookActivities } from './webhook';

export interface ActivityDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  transport: MailTransport;
  mailFrom: string;
  appUrl: string;
  /** Signs the member and unsubscribe links in emails. */
  appSecret: string;
  /** Production webhooks may reach private addresses (`WEBHOOK_ALLOW_PRIVATE_NETWORKS=1`). */
  allowPrivateNetworks?: boolean;
}

/** Every activity the worker registers, built over the process's shared connections. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createLoyaltyActivities(deps),
    ...createMailActivities(deps),
    ...createRunFactsActivities(deps),
    ...createTriggerActivities(deps),
    ...createExpiryActivities(deps),
    ...createExpiringNoticeActivities(deps),
    ...createTierReviewActivities(deps),
    ...createSegmentActivities(deps),
    ...createProfileActivities(deps),
    ...createStepPassActivities(deps),
    ...createWebhookActivities(deps),
    ...createBroadcastActivities(deps),
  };
}
