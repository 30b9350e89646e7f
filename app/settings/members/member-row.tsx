'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Dialog } from '../../_components/dialog';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import type { HandedPassword } from './members-page';
import { roles, useRoleText } from './role-label';

type Member = RouterOutputs['members']['list'][number];

/** One person: their role (changeable), when they last signed in, remove and reset password, each asked first. */
export function MemberRow({
  member,
  onPassword,
}: {
  member: Member;
  onPassword: (handed: HandedPassword) => void;
}) {
  const t = useTranslations('members');
  const roleText = useRoleText();
  const format = useFormats();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<'remove' | 'reset' | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.members.list.queryFilter());
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(
    trpc.members.resetPassword.mutationOptions({
      onSuccess: (result) => {
        setConfirming(null);
        onPassword({ email: member.email, password: result.password, reason: 'reset' });
      },
    }),
  );
  const failure = changeRole.error ?? remove.error ?? reset.error;
  const failureText = !failure
    ? null
    : failure.data?.code === 'PRECONDITION_FAILED'
      ? changeRole.error
        ? t('errors.lastAdmin')
        : remove.error
          ? t('errors.cannotRemove')
          : t('errors.notAdminEverywhere')
      : errorText(failure);

  return (
    <tr data-testid="member-row" data-email={member.email}>
      <td>
        {member.name} {member.isYou && <span className="badge">{t('you')}</span>}
      </td>
      <td className="mono">{member.email}</td>
      <td>
        <select
          className="select select--small"
          value={member.role}
          aria-label={t('roleOf', { name: member.name })}
          disabled={changeRole.isPending}
          onChange={(event) => {
            const role = roles.find((r) => r === event.target.value);
            if (role) changeRole.mutate({ userId: member.userId, role });
          }}
          data-testid="member-role"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleText.name(r)}
            </option>
          ))}
        </select>
      </td>
      <td className="nowrap">{format.date(member.addedAt)}</td>
      <td className="nowrap">
        {member.lastSignInAt ? format.dateTime(member.lastSignInAt) : t('neverSignedIn')}
      </td>
      <td className="num nowrap">
        {!member.isYou && (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={() => setConfirming('reset')}
              data-testid="member-reset-password"
            >
              {t('reset.button')}
            </button>{' '}
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => setConfirming('remove')}
              data-testid="member-remove"
            >
              {t('remove.button')}
            </button>
          </>
        )}
        {failureText && (
          <span className="field__error" role="alert" data-testid="member-error">
            {failureText}
          </span>
        )}
        {confirming && (
          <Dialog
            title={
              confirming === 'remove'
                ? t('remove.title', { name: member.name })
                : t('reset.title', { name: member.name })
            }
            testId={`member-${confirming}-dialog`}
            onClose={() => setConfirming(null)}
          >
            <p>{confirming === 'remove' ? t('remove.text') : t('reset.text')}</p>
            <div className="workspace-form__actions">
              <button
                type="button"
                className={confirming === 'remove' ? 'button button--danger' : 'button button--primary'}
                disabled={remove.isPending || reset.isPending}
                onClick={() => {
                  if (confirming === 'remove') {
                    setConfirming(null);
                    remove.mutate({ userId: member.userId });
                  } else reset.mutate({ userId: member.userId });
                }}
                data-testid={`member-${confirming}-confirm`}
              >
                {confirming === 'remove' ? t('remove.confirm') : t('reset.confirm')}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(null)}>
                {t('cancel')}
              </button>
            </div>
          </Dialog>
        )}
      </td>
    </tr>
  );
}
