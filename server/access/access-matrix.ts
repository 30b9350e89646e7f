import type { WorkspaceRole } from '../../db/accounts/memberships';

/**
 * Who may call what: every tRPC procedure by path, with the least role it needs. The
 * README's roles × actions table summarises this; `access-matrix.int.test.ts` calls every
 * procedure as every role against the real router, and fails when a procedure is missing
 * here, so a new one cannot ship unclassified.
 *
 * - `signedIn`: any account, about the person themselves (no workspace involved).
 * - `read`: analyst, marketer, admin of the current workspace.
 * - `edit`: marketer, admin.
 * - `admin`: admin only.
 */
export type Access = 'signedIn' | 'read' | 'edit' | 'admin';

export const rolesFor: Record<Access, readonly WorkspaceRole[]> = {
  signedIn: ['admin', 'marketer', 'analyst'],
  read: ['admin', 'marketer', 'analyst'],
  edit: ['admin', 'marketer'],
  admin: ['admin'],
};
