/** One problem with one field of a request, by its dotted path ("lines.2.unitAmount"). */
export interface ApiIssue {
  path: string;
  message: string;
}

/**
 * An answer other than success, as the integration API sends it:
 * `{ error: { code, message, issues?, ...details } }`. `code` is machine-readable and
 * stable (clients branch on it); `message` is English for the developer reading logs.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { issues?: ApiIssue[] } & Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 400 for a request that does not match its schema, naming every offending field. */
export function invalidRequest(issues: ApiIssue[]): ApiError {
  const [first] = issues;
  const message = first
    ? `${first.path ? `${first.path}: ` : ''}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`
    : 'The request is not valid.';
  return new ApiError(400, 'invalid_request', message, { issues });
}
