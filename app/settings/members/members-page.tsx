'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { QueryListCard } from '../../_components/query-state';
import { ShownOnceSecret } from '../../_components/shown-once-secret';
import { useAccess } from '../../_components/use-access';
import { useTRPC } from '../../_trpc/react';
import { AddMemberForm } from './add-member-form';
import { MemberRow } from './member-row';

export interface HandedPassword {
  email: string;
  password: string;
  reason: 'added' | 'reset';
}

/** The people of this workspace and their roles; admins add, change and remove them. */
export function MembersPage() {
  const t = useTranslations('members');
  const trpc = useTRPC();
  const { role, isAdmin } = useAccess();
  const members = useQuery(trpc.members.list.queryOptions(undefined, { enabled: isAdmin }));
  // Held in this component only: leaving the page forgets the password for good.
  const [handed, setHanded] = useState<HandedPassword | null>(null);

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      {role && !isAdmin ? (
        <p className="card card__body muted" data-testid="members-admins-only">
          {t('adminsOnly')}
        </p>
      ) : (
        <div className="stack">
          {handed && (
            <section className="card" data-testid="member-password">
              <div className="card__header">
                <h2>
                  {handed.reason === 'added'
                    ? t('password.addedTitle', { email: handed.email })
                    : t('password.resetTitle', { email: handed.email })}
                </h2>
              </div>
              <div className="card__body stack">
                <div className="alert alert--warning" role="alert">
                  {t('password.warning')}
                </div>
                <ShownOnceSecret
                  value={handed.password}
                  label={t('password.label')}
                  testId="member-password-value"
                />
                <div>
                  <button type="button" className="button" onClick={() => setHanded(null)}>
                    {t('password.done')}
                  </button>
                </div>
              </div>
            </section>
          )}
          <QueryListCard query={members} empty={{ title: t('empty'), text: '', testId: 'members-empty' }}>
            {(rows) => (
              <table className="table" data-testid="member-table">
                <thead>
                  <tr>
                    <th>{t('columns.name')}</th>
                    <th>{t('columns.email')}</th>
                    <th>{t('columns.role')}</th>
                    <th>{t('columns.added')}</th>
                    <th>{t('columns.lastSignIn')}</th>
                    <th className="num">
                      <span className="visually-hidden">{t('columns.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((member) => (
                    <MemberRow key={member.userId} member={member} onPassword={setHanded} />
                  ))}
                </tbody>
              </table>
            )}
          </QueryListCard>
          <AddMemberForm onPassword={setHanded} />
        </div>
      )}
    </>
  );
}
