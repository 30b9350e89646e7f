'use client';

import { useTranslations } from 'next-intl';

export const roles = ['admin', 'marketer', 'analyst'] as const;
export type Role = (typeof roles)[number];

/** A role's name and what it may do, in the UI language. */
export function useRoleText() {
  const t = useTranslations('members.roles');
  return {
    name: (role: Role) =>
      role === 'admin' ? t('admin') : role === 'marketer' ? t('marketer') : t('analyst'),
    help: (role: Role) =>
      role === 'admin' ? t('adminHelp') : role === 'marketer' ? t('marketerHelp') : t('analystHelp'),
  };
}
