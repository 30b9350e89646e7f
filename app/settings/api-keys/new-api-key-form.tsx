'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useTRPC } from '../../_trpc/react';
import type { CreatedApiKey } from './api-keys-page';

type Kind = 'secret' | 'write';

/** Name and kind of a new key; the server answers the key itself, once. */
export function NewApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const t = useTranslations('apiKeys');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('secret');
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async (created) => {
        setName('');
        onCreated(created);
        await queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
      },
    }),
  );
  const errors = useInputErrors(create.error);
  const nameError = errors.field('name');
  const kindError = errors.field('kind', 'choice');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!create.isPending) create.mutate({ name, kind });
  }

  return (
    <form className="card" onSubmit={submit} data-testid="new-api-key-form" noValidate>
      <div className="card__header">
        <h2>{t('create.title')}</h2>
      </div>
      <div className="card__body api-key-form">
        <FormField
          id="api-key-name"
          label={t('create.name')}
          error={nameError}
          errorTestId="new-api-key-name-error"
        >
          <input
            id="api-key-name"
            className={invalidClass(nameError, 'input')}
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            placeholder={t('create.namePlaceholder')}
            aria-invalid={nameError ? true : undefined}
            data-testid="new-api-key-name"
          />
        </FormField>
        <FormField
          id="api-key-kind"
          label={t('create.kind')}
          error={kindError}
          help={kind === 'secret' ? t('kindHelp.secret') : t('kindHelp.write')}
        >
          <select
            id="api-key-kind"
            className={invalidClass(kindError, 'select')}
            value={kind}
            onChange={(event) => setKind(event.target.value === 'write' ? 'write' : 'secret')}
            data-testid="new-api-key-kind"
          >
            <option value="secret">{t('kinds.secret')}</option>
            <option value="write">{t('kinds.write')}</option>
          </select>
        </FormField>
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={create.isPending}
            data-testid="create-api-key"
          >
            {create.isPending ? t('create.creating') : t('create.submit')}
          </button>
          {errors.other && (
            <span className="field__error" role="alert">
              {errors.other}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
