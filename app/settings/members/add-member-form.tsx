'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useTRPC } from '../../_trpc/react';
import type { HandedPassword } from './members-page';
import { roles, useRoleText, type Role } from './role-label';

/** Email, name and role of someone to add; a new account's password comes back once. */
export function AddMemberForm({ onPassword }: { onPassword: (handed: HandedPassword | null) => void }) {
  const t = useTranslations('members.add');
  const roleText = useRoleText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('marketer');
  const [joined, setJoined] = useState<string | null>(null);
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: async (result) => {
        setJoined(result.password ? null : email.trim().toLowerCase());
        onPassword(
          result.password
            ? { email: email.trim().toLowerCase(), password: result.password, reason: 'added' }
            : null,
        );
        setEmail('');
        setName('');
        await queryClient.invalidateQueries(trpc.members.list.queryFilter());
      },
    }),
  );
  const errors = useInputErrors(add.error);
  const emailError = add.error?.data?.code === 'CONFLICT' ? t('alreadyMember') : errors.field('email');
  const nameError = errors.field('name');

  function submit(event: FormEvent) {
    event.preventDefault();
    setJoined(null);
    if (!add.isPending) add.mutate({ email, name, role });
  }

  return (
    <form className="card" onSubmit={submit} data-testid="add-member-form" noValidate>
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body api-key-form">
        <FormField
          id="member-email"
          label={t('email')}
          error={emailError}
          errorTestId="add-member-email-error"
        >
          <input
            id="member-email"
            type="email"
            className={invalidClass(emailError, 'input')}
            value={email}
            maxLength={200}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={emailError ? true : undefined}
            data-testid="add-member-email"
          />
        </FormField>
        <FormField id="member-name" label={t('name')} error={nameError} help={t('nameHelp')}>
          <input
            id="member-name"
            className={invalidClass(nameError, 'input')}
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={nameError ? true : undefined}
            data-testid="add-member-name"
          />
        </FormField>
        <FormField id="member-role" label={t('role')} error={undefined} help={roleText.help(role)}>
          <select
            id="member-role"
            className="select"
            value={role}
            onChange={(event) => setRole(roles.find((r) => r === event.target.value) ?? 'analyst')}
            data-testid="add-member-role"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleText.name(r)}
              </option>
            ))}
          </select>
        </FormField>
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={add.isPending}
            data-testid="add-member"
          >
            {add.isPending ? t('adding') : t('submit')}
          </button>
          {errors.other && add.error?.data?.code !== 'CONFLICT' && (
            <span className="field__error" role="alert">
              {errors.other}
            </span>
          )}
          {joined && (
            <span className="field__help" role="status" data-testid="add-member-joined">
              {t('joined', { email: joined })}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
