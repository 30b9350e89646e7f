/** What still refers to a tier, so deleting it would break members, rewards or history. */
export class TierInUseError extends Error {
  constructor(
    readonly tierId: string,
    readonly usage: { members: number; rewards: number; historyRows: number },
  ) {
    const reasons = [
      usage.members > 0 ? `${usage.members} member(s) hold it` : null,
      usage.rewards > 0 ? `${usage.rewards} reward(s) require it` : null,
      usage.members === 0 && usage.rewards === 0 && usage.historyRows > 0
        ? `${usage.historyRows} tier history row(s) name it`
        : null,
    ].filter(Boolean);
    super(`tierId: the tier cannot be deleted: ${reasons.join(', ')}.`);
    this.name = 'TierInUseError';
  }
}

/** No such tier in this workspace (another workspace's tier reads the same). */
export class TierNotFoundError extends Error {
  readonly field = 'tierId';
  constructor(readonly tierId: string) {
    super(`tierId: no tier "${tierId}" in this workspace`);
    this.name = 'TierNotFoundError';
  }
}
