import { z } from 'zod';
import { defineNode } from './define-node';

const share = z
  .number({ error: 'enter a percentage' })
  .int('must be a whole percentage')
  .min(0, 'must be 0–100')
  .max(100, 'must be 0–100');

export const randomSplitConfig = z
  .object({
    /** Percentage per branch, `branch_1` first. */
    shares: z.array(share).min(1, 'add a branch').max(10, 'at most 10 branches'),
    /** Percentage that takes no branch (`holdout`), to measure the journey against doing nothing. */
    holdout: share.default(0),
  })
  .superRefine((c, ctx) => {
    const total = c.shares.reduce((sum, s) => sum + s, 0) + c.holdout;
    if (total !== 100)
      ctx.addIssue({
        code: 'custom',
        path: ['shares'],
        message: `the shares and holdout must add up to 100 (now ${total})`,
      });
  });

type Config = z.output<typeof randomSplitConfig>;

/** FNV-1a, 32 bit: small, pure and the same in every runtime. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The branch of one run: a bucket 0–9999 from (workflow id, step id), so a replay, a
 * continue-as-new and a simulation with the same id all agree, and runs spread evenly.
 */
export function chooseSplit(config: Config, runKey: string, stepId: string): string {
  const bucket = (hash32(`${runKey}\u0000${stepId}`) % 10_000) / 100;
  let upper = 0;
  for (const [index, percent] of config.shares.entries()) {
    upper += percent;
    if (bucket < upper) return `branch_${index + 1}`;
  }
  return config.holdout > 0 ? 'holdout' : `branch_${config.shares.length}`;
}

export const randomSplit = defineNode({
  type: 'random_split',
  kind: 'flow',
  label: 'Random split',
  configSchema: randomSplitConfig,
  defaultConfig: { shares: [50, 50], holdout: 0 } satisfies Config,
  fields: [
    { name: 'shares', input: 'shares' },
    { name: 'holdout', input: 'number' },
  ],
  outputs: (c) => [...c.shares.map((_, i) => `branch_${i + 1}`), ...(c.holdout > 0 ? ['holdout'] : [])],
  outputShares: (c) => ({
    ...Object.fromEntries(c.shares.map((share, i) => [`branch_${i + 1}`, share])),
    ...(c.holdout > 0 ? { holdout: c.holdout } : {}),
  }),
  summaryValues: (c) => ({ branches: c.shares.length, shares: c.shares.join(' / '), holdout: c.holdout }),
  plan: (c, { runKey, stepId }) => ({ kind: 'branch', output: chooseSplit(c, runKey, stepId) }),
});
