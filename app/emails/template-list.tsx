'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../_components/form-field';
import { QueryListCard } from '../_components/query-state';
import { useFormats } from '../_i18n/use-formats';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useTRPC } from '../_trpc/react';
import { RequireAccess } from '../_components/require-access';

/** Every email template of the workspace, searchable, and "New template". */
export function TemplateList() {
  const t = useTranslations('emails');
  const format = useFormats();
  const trpc = useTRPC();
  const templates = useQuery(trpc.templates.list.queryOptions());
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);

  const term = search.trim().toLowerCase();
  const filtered = useMemo(
    () =>
      templates.data?.filter(
        (row) =>
          term === '' ||
          row.name.toLowerCase().includes(term) ||
          row.subject.toLowerCase().includes(term) ||
          (row.topic ?? '').toLowerCase().includes(term),
      ),
    [templates.data, term],
  );

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
        <RequireAccess access="edit">
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
            data-testid="new-template"
          >
            {t('new')}
          </button>
        </RequireAccess>
      </div>
      {creating && <NewTemplateForm onCancel={() => setCreating(false)} />}
      <div className="toolbar">
        <input
          type="search"
          className="input"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
          data-testid="template-search"
        />
      </div>
      <QueryListCard
        query={{ ...templates, data: filtered }}
        empty={
          term === ''
            ? { title: t('emptyTitle'), text: t('emptyText'), testId: 'templates-empty' }
            : { title: t('noMatch'), testId: 'templates-no-match' }
        }
      >
        {(rows) => (
          <table className="table" data-testid="templates-table">
            <thead>
              <tr>
                <th>{t('columns.name')}</th>
                <th>{t('columns.category')}</th>
                <th>{t('columns.topic')}</th>
                <th>{t('columns.live')}</th>
                <th>{t('columns.edited')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="template-row">
                  <td>
                    <Link href={`/emails/${encodeURIComponent(row.id)}`} data-testid="template-link">
                      {row.name}
                    </Link>
                    <div className="cell-secondary">{row.subject}</div>
                  </td>
                  <td>
                    {row.category === 'marketing' ? t('category.marketing') : t('category.transactional')}
                  </td>
                  <td>{row.topic ?? <span className="muted">{t('noTopic')}</span>}</td>
                  <td data-testid="template-live">
                    {row.liveVersion === null ? (
                      <span className="muted">{t('notLive')}</span>
                    ) : (
                      t('liveVersion', { version: row.liveVersion })
                    )}
                  </td>
                  <td className="nowrap">{format.dateTime(row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryListCard>
    </>
  );
}

/** Name plus where to start: the blank layout (header, footer with unsubscribe) or a starter. */
function NewTemplateForm({ onCancel }: { onCancel: () => void }) {
  const t = useTranslations('emails.create');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const starters = useQuery(trpc.templates.starters.queryOptions());
  const [name, setName] = useState('');
  const [start, setStart] = useState('');
  const create = useMutation(
    trpc.templates.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries(trpc.templates.list.queryFilter());
        router.push(`/emails/${encodeURIComponent(created.id)}`);
      },
    }),
  );
  const errors = useInputErrors(create.error);
  const nameTaken = create.error?.data?.zodError?.fieldErrors?.name?.some((m) => /already|in use/i.test(m));
  const nameError = nameTaken ? t('nameTaken') : errors.field('name');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate({ name, starterKey: start === '' ? undefined : start });
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="new-template-form">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body">
        <FormField
          id="new-template-name"
          label={t('name')}
          error={nameError}
          errorTestId="new-template-name-error"
        >
          <input
            id="new-template-name"
            className={invalidClass(nameError, 'input')}
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
            data-testid="new-template-name"
          />
        </FormField>
        <FormField
          id="new-template-start"
          label={t('start')}
          error={errors.field('starterKey')}
          help={t('startHelp')}
        >
          <select
            id="new-template-start"
            className="select"
            value={start}
            onChange={(event) => setStart(event.target.value)}
            data-testid="new-template-start"
          >
            <option value="">{t('blank')}</option>
            {starters.data?.map((starter) => (
              <option key={starter.key} value={starter.key}>
                {t('fromStarter', { name: starter.name })}
              </option>
            ))}
          </select>
        </FormField>
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={create.isPending}
            data-testid="create-template"
          >
            {create.isPending ? t('creating') : t('submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('cancel')}
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
