'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useAccess } from './use-access';

/**
 * Shows its children only to roles that may use them: `edit` (marketer, admin) or `admin`.
 * A courtesy that keeps buttons away from people whose role the server would refuse
 * (server/trpc.ts decides); while the role loads, nothing is shown. `fallback` replaces the
 * children for everyone else, e.g. a read-only note.
 */
export function RequireAccess({
  access,
  children,
  fallback = null,
}: {
  access: 'edit' | 'admin';
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const { role, canEdit, isAdmin } = useAccess();
  if (!role) return null;
  return <>{(access === 'admin' ? isAdmin : canEdit) ? children : fallback}</>;
}

/** The line a page shows where its changes are not for the viewer's role. */
export function ReadOnlyNote({ access, testId }: { access: 'edit' | 'admin'; testId?: string }) {
  const { role } = useAccess();
  return role ? <ReadOnlyText access={access} testId={testId} /> : null;
}

function ReadOnlyText({ access, testId }: { access: 'edit' | 'admin'; testId?: string }) {
  const t = useTranslations('access');
  return (
    <p className="muted read-only-note" data-testid={testId ?? 'read-only-note'}>
      {access === 'admin' ? t('adminsOnly') : t('viewOnly')}
    </p>
  );
}
