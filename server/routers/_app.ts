import { createTRPCRouter } from '../trpc';
import { customersRouter } from './customers';
import { inboxRouter } from './inbox';
import { journeysRouter } from './journeys';
import { runsRouter } from './runs';
import { templatesRouter } from './templates';
import { workspaceRouter } from './workspace';

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  journeys: journeysRouter,
  templates: templatesRouter,
  customers: customersRouter,
  runs: runsRouter,
  inbox: inboxRouter,
});

export type AppRouter = typeof appRouter;
