import { z } from 'zod';
import type { IssueRewardResult } from '../activities-contract';
import { defineNode } from './define-node';

export const issueRewardConfig = z.object({
  rewardId: z.string().min(1, 'choose a reward'),
  /** Checked: the member pays the reward's points; unchecked: the journey gives it away. */
  charge: z.boolean().default(false),
});

/**
 * Issues a voucher for a catalog reward. The code is the step's result, so a later
 * email can show it; a reward that cannot be issued (sold out, limit, points) follows
 * the `unavailable` branch with the reason on the run.
 */
export const issueReward = defineNode({
  type: 'issue_reward',
  kind: 'loyalty',
  label: 'Issue reward',
  configSchema: issueRewardConfig,
  defaultConfig: { rewardId: '', charge: false },
  fields: [
    { name: 'rewardId', input: 'reward' },
    { name: 'charge', input: 'checkbox' },
  ],
  outputs: () => ['issued', 'unavailable'],
  summaryValues: (c) => ({ charge: c.charge ? 'yes' : 'no' }),
  references: (c) => [{ kind: 'reward', id: c.rewardId, field: 'rewardId' }],
  action: (c) => ({ activity: 'issueReward', args: { rewardId: c.rewardId, charge: c.charge } }),
  outputAfter: (_c, result) => ((result as IssueRewardResult).status === 'issued' ? 'issued' : 'unavailable'),
});
