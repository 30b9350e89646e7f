'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../_trpc/react';

export function WorkspaceName() {
  const trpc = useTRPC();
  const workspace = useQuery(trpc.workspace.current.queryOptions(undefined, { staleTime: 5 * 60 * 1000 }));
  if (!workspace.data) return <span className="top-nav__workspace" />;
  return (
    <span className="top-nav__workspace" title="Current workspace">
      {workspace.data.name}
    </span>
  );
}
