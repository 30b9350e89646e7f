'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../_trpc/react';

/**
 * What the viewer may do in the current workspace, so pages hide actions their role cannot
 * take. Only a courtesy: the server checks the role on every call (server/trpc.ts). While
 * the role is loading, nothing is offered.
 */
export function useAccess(): {
  role: 'admin' | 'marketer' | 'analyst' | null;
  canEdit: boolean;
  isAdmin: boolean;
} {
  const trpc = useTRPC();
  const current = useQuery(trpc.workspace.current.queryOptions(undefined, { staleTime: 60 * 1000 }));
  const role = current.data?.role ?? null;
  return { role, canEdit: role === 'admin' || role === 'marketer', isAdmin: role === 'admin' };
}
