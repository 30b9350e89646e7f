/** The same idempotency key was used before for a different request: refusing beats guessing. */
export class IdempotencyConflictError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency key "${idempotencyKey}" was already used for a different request.`);
    this.name = 'IdempotencyConflictError';
  }
}

export class LedgerInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'LedgerInputError';
  }
}

/** A spend or negative adjustment larger than the balance: nothing was written. */
export class InsufficientPointsError extends Error {
  constructor(
    readonly balance: number,
    readonly requested: number,
  ) {
    super(`Insufficient points: the balance is ${balance}, ${requested} requested.`);
    this.name = 'InsufficientPointsError';
  }
}
