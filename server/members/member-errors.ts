/** A refused change to the people of a workspace, naming the field it is about. */
export class MemberChangeError extends Error {
  override readonly name = 'MemberChangeError';
  constructor(
    readonly code: 'already_member' | 'not_member' | 'last_admin' | 'self_removal' | 'not_admin_everywhere',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
