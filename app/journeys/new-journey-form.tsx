'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../_trpc/react';

export function NewJourneyForm({ onCancel }: { onCancel: () => void }) {
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
  const nameError = create.error?.data?.zodError?.fieldErrors.name?.[0];

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name });
  }

  return (
    <form className="card card__body inline-form" onSubmit={submit} style={{ marginBottom: 20 }}>
      <label className="field" style={{ flex: 1 }}>
        <span className="field__label">Journey name</span>
        <input
          className={nameError ? 'input input--invalid' : 'input'}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. Birthday bonus"
          maxLength={120}
          autoFocus
          required
        />
        {nameError && <span className="field__error">{nameError}</span>}
        {create.error && !nameError && <span className="field__error">{create.error.message}</span>}
      </label>
      <div style={{ display: 'flex', gap: 8, paddingTop: 25 }}>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create and open'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
