'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '../_trpc/auth-client';
import { useAccess } from './use-access';

/** Who is signed in, with which role here, and the way out. */
export function AccountMenu() {
  const t = useTranslations('accountMenu');
  const router = useRouter();
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: ['auth-session'],
    queryFn: () => authClient.getSession(),
    staleTime: 60 * 1000,
  });
  const { role } = useAccess();
  const [signingOut, setSigningOut] = useState(false);
  const user = session.data?.data?.user;

  async function signOut() {
    setSigningOut(true);
    await authClient.signOut();
    queryClient.clear();
    router.replace('/login');
    router.refresh();
  }

  if (!user) return null;
  return (
    <div className="top-nav__account" data-testid="account-menu">
      <Link
        href="/account"
        className="top-nav__manage top-nav__account-name"
        title={user.email}
        data-testid="account-link"
      >
        {user.name}
      </Link>
      {role && (
        <span className="badge" data-testid="account-role">
          {role === 'admin' ? t('roleAdmin') : role === 'marketer' ? t('roleMarketer') : t('roleAnalyst')}
        </span>
      )}
      <button
        type="button"
        className="top-nav__sign-out"
        onClick={signOut}
        disabled={signingOut}
        data-testid="sign-out"
      >
        {t('signOut')}
      </button>
    </div>
  );
}
