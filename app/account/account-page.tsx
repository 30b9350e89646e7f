'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../_components/form-field';
import { Loading, QueryError } from '../_components/query-state';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useTRPC } from '../_trpc/react';
import { useRoleText } from '../settings/members/role-label';

/** Who I am, where I work with which role, and my password. */
export function AccountPage() {
  const t = useTranslations('account');
  const roleText = useRoleText();
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrentPassword('');
        setNewPassword('');
      },
    }),
  );
  const errors = useInputErrors(change.error);
  const currentError =
    change.error?.data?.code === 'BAD_REQUEST' && errors.field('currentPassword')
      ? t('wrongCurrent')
      : undefined;
  const newError = errors.field('newPassword');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!change.isPending) change.mutate({ currentPassword, newPassword });
  }

  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{me.data.email}</span>
        </div>
      </div>
      <div className="stack">
        <section className="card" data-testid="account-memberships">
          <div className="card__header">
            <h2>{t('memberships')}</h2>
          </div>
          <table className="table">
            <tbody>
              {me.data.memberships.map((membership) => (
                <tr key={membership.workspaceId}>
                  <td>{membership.workspaceName}</td>
                  <td>{roleText.name(membership.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <form className="card" onSubmit={submit} noValidate data-testid="change-password-form">
          <div className="card__header">
            <h2>{t('changePassword')}</h2>
          </div>
          <div className="card__body api-key-form">
            <FormField id="current-password" label={t('currentPassword')} error={currentError}>
              <input
                id="current-password"
                type="password"
                autoComplete="current-password"
                className={invalidClass(currentError, 'input')}
                value={currentPassword}
                onChange={(event) => setCurrentPassword(event.target.value)}
                data-testid="current-password"
              />
            </FormField>
            <FormField
              id="new-password"
              label={t('newPassword')}
              error={newError}
              help={t('newPasswordHelp')}
            >
              <input
                id="new-password"
                type="password"
                autoComplete="new-password"
                className={invalidClass(newError, 'input')}
                value={newPassword}
                onChange={(event) => setNewPassword(event.target.value)}
                data-testid="new-password"
              />
            </FormField>
            <div className="workspace-form__actions">
              <button
                type="submit"
                className="button button--primary"
                disabled={change.isPending}
                data-testid="change-password"
              >
                {t('save')}
              </button>
              {change.isSuccess && (
                <span className="field__help" role="status" data-testid="password-changed">
                  {t('changed')}
                </span>
              )}
              {errors.other && (
                <span className="field__error" role="alert">
                  {errors.other}
                </span>
              )}
            </div>
          </div>
        </form>
      </div>
    </>
  );
}
