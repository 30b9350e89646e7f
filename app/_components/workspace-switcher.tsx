'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { workspaceCookie } from '../../server/workspaces/workspace-cookie';
import { useTRPC } from '../_trpc/react';
import { setBrowserCookie } from './set-browser-cookie';

const oneYearSeconds = 60 * 60 * 24 * 365;

/**
 * The brand the agency works in. The server reads the choice from the `workspace` cookie
 * on every request (server/workspace.ts); switching drops every cached query (they all
 * belong to the old workspace) and re-renders the server components.
 */
export function WorkspaceSwitcher() {
  const t = useTranslations('workspaceSwitcher');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const workspaces = useQuery(trpc.workspace.list.queryOptions(undefined, { staleTime: 60 * 1000 }));
  const current = workspaces.data?.find((workspace) => workspace.current);

  function switchTo(workspaceId: string) {
    setBrowserCookie(workspaceCookie, workspaceId, oneYearSeconds);
    // A journey, customer or message page shows a record of the workspace left behind.
    const section = `/${pathname.split('/')[1] ?? ''}`;
    if (section !== pathname) router.push(section);
    startTransition(async () => {
      await queryClient.resetQueries();
      router.refresh();
    });
  }

  return (
    <div className="top-nav__workspace">
      <select
        className="top-nav__select"
        value={current?.id ?? ''}
        aria-label={t('label')}
        aria-busy={pending}
        disabled={!workspaces.data || pending}
        onChange={(event) => switchTo(event.target.value)}
        data-testid="workspace-switcher"
      >
        {!current && <option value="" />}
        {workspaces.data?.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
      <Link href="/workspaces" className="top-nav__manage" data-testid="manage-workspaces">
        {t('manage')}
      </Link>
    </div>
  );
}
