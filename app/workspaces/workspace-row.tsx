'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useFormats } from '../_i18n/use-formats';
import { useInputErrors } from '../_i18n/use-input-errors';
import type { RouterOutputs } from '../_trpc/outputs';
import { useTRPC } from '../_trpc/react';
import { RequireAccess } from '../_components/require-access';

type Workspace = RouterOutputs['workspace']['list'][number];

/** One workspace; its name turns into a small form while renaming. */
export function WorkspaceRow({ workspace }: { workspace: Workspace }) {
  const t = useTranslations('workspaces');
  const tc = useTranslations('common');
  const format = useFormats();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useMutation(
    trpc.workspace.rename.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        await Promise.all([
          queryClient.invalidateQueries(trpc.workspace.list.queryFilter()),
          queryClient.invalidateQueries(trpc.workspace.current.queryFilter()),
        ]);
      },
    }),
  );
  const errors = useInputErrors(rename.error);
  const nameError = errors.field('name') ?? errors.other;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft !== null) rename.mutate({ id: workspace.id, name: draft });
  }

  return (
    <tr data-testid="workspace-row" data-workspace-id={workspace.id}>
      <td>
        {draft === null ? (
          <>
            <span data-testid="workspace-name">{workspace.name}</span>
            {workspace.current && <span className="badge badge--live workspace-current">{t('current')}</span>}
          </>
        ) : (
          <form className="inline-form" onSubmit={submit}>
            <div className="field">
              <input
                className={nameError ? 'input input--invalid' : 'input'}
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                aria-label={t('renameLabel', { name: workspace.name })}
                autoFocus
                data-testid="rename-workspace-name"
              />
              {nameError && (
                <span className="field__error" data-testid="rename-workspace-error">
                  {nameError}
                </span>
              )}
            </div>
            <button
              type="submit"
              className="button button--primary button--small"
              disabled={rename.isPending}
              data-testid="rename-workspace-save"
            >
              {rename.isPending ? tc('saving') : tc('save')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setDraft(null);
                rename.reset();
              }}
            >
              {tc('cancel')}
            </button>
          </form>
        )}
      </td>
      <td>{format.language(workspace.defaultLocale)}</td>
      <td>{workspace.timeZone}</td>
      <td className="nowrap">{format.date(workspace.createdAt)}</td>
      <td className="num">
        {draft === null && (
          <RequireAccess access="admin">
            <button
              type="button"
              className="button button--small"
              onClick={() => setDraft(workspace.name)}
              data-testid="rename-workspace"
            >
              {t('rename')}
            </button>
          </RequireAccess>
        )}
      </td>
    </tr>
  );
}
