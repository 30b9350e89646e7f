'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useTRPC } from '../_trpc/react';

export function NewJourneyForm({ onCancel }: { onCancel: () => void }) {
  const t = useTranslations('newJourney');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.journeys.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries(trpc.journeys.list.queryFilter());
        router.push(`/journeys/${id}`);
      },
    }),
  );
  const errors = useInputErrors(create.error);
  const nameError = errors.field('name');

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name });
  }

  return (
    <form className="card card__body inline-form" onSubmit={submit} style={{ marginBottom: 20 }}>
      <label className="field" style={{ flex: 1 }}>
        <span className="field__label">{t('nameLabel')}</span>
        <input
          className={nameError ? 'input input--invalid' : 'input'}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={t('namePlaceholder')}
          maxLength={120}
          autoFocus
          required
          data-testid="new-journey-name"
        />
        {nameError && <span className="field__error">{nameError}</span>}
        {errors.other && <span className="field__error">{errors.other}</span>}
      </label>
      <div style={{ display: 'flex', gap: 8, paddingTop: 25 }}>
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending}
          data-testid="create-journey"
        >
          {create.isPending ? t('creating') : t('create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
