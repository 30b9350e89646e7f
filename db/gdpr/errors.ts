/** No customer with this id in the workspace (another workspace's customer reads the same). */
export class GdprCustomerNotFoundError extends Error {
  constructor(readonly customerId: string) {
    super(`customerId: no customer "${customerId}" in this workspace.`);
    this.name = 'GdprCustomerNotFoundError';
  }
}

/** A bad erasure or export request, naming the field (`reason`, `requestedBy`, …). */
export class GdprInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'GdprInputError';
  }
}
