import { createTRPCRouter } from '../trpc';
import { accountRouter } from './account';
import { analyticsRouter } from './analytics';
import { auditRouter } from './audit';
import { apiKeysRouter } from './api-keys';
import { broadcastsRouter } from './broadcasts';
import { customersRouter } from './customers';
import { gdprRouter } from './gdpr';
import { inboxRouter } from './inbox';
import { journeysRouter } from './journeys';
import { membersRouter } from './members';
import { programRouter } from './program';
import { rewardsRouter } from './rewards';
import { segmentsRouter } from './segments';
import { suppressionsRouter } from './suppressions';
import { systemRouter } from './system';
import { runsRouter } from './runs';
import { templatesRouter } from './templates';
import { tiersRouter } from './tiers';
import { webhooksRouter } from './webhooks';
import { workspaceRouter } from './workspace';

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  apiKeys: apiKeysRouter,
  journeys: journeysRouter,
  templates: templatesRouter,
  customers: customersRouter,
  runs: runsRouter,
  inbox: inboxRouter,
  rewards: rewardsRouter,
  program: programRouter,
  tiers: tiersRouter,
  webhooks: webhooksRouter,
  broadcasts: broadcastsRouter,
  segments: segmentsRouter,
  gdpr: gdprRouter,
  suppressions: suppressionsRouter,
  system: systemRouter,
  analytics: analyticsRouter,
  account: accountRouter,
  members: membersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
