'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';

type ApiKey = RouterOutputs['apiKeys']['list'][number];

/** One key: what it is, when it was last used, and a revoke button that asks first. */
export function ApiKeyRow({ apiKey, onRevoked }: { apiKey: ApiKey; onRevoked: (name: string) => void }) {
  const t = useTranslations('apiKeys');
  const format = useFormats();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        onRevoked(apiKey.name);
        await queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
      },
    }),
  );

  function confirmRevoke() {
    if (window.confirm(t('revoke.confirm', { name: apiKey.name, prefix: apiKey.prefix }))) {
      revoke.mutate({ id: apiKey.id });
    }
  }

  return (
    <tr
      data-testid="api-key-row"
      data-api-key-id={apiKey.id}
      data-revoked={apiKey.revokedAt ? 'true' : 'false'}
    >
      <td data-testid="api-key-name">{apiKey.name}</td>
      <td>{apiKey.kind === 'secret' ? t('kinds.secret') : t('kinds.write')}</td>
      <td className="mono nowrap" data-testid="api-key-prefix">
        {t('maskedKey', { prefix: apiKey.prefix })}
      </td>
      <td className="nowrap">{format.date(apiKey.createdAt)}</td>
      <td className="nowrap">{apiKey.lastUsedAt ? format.dateTime(apiKey.lastUsedAt) : t('neverUsed')}</td>
      <td>
        {apiKey.revokedAt ? (
          <span className="badge badge--stopped" data-testid="api-key-status">
            {t('status.revoked', { date: format.date(apiKey.revokedAt) })}
          </span>
        ) : (
          <span className="badge badge--live" data-testid="api-key-status">
            {t('status.active')}
          </span>
        )}
      </td>
      <td className="num">
        {!apiKey.revokedAt && (
          <button
            type="button"
            className="button button--small"
            disabled={revoke.isPending}
            onClick={confirmRevoke}
            data-testid="revoke-api-key"
          >
            {revoke.isPending ? t('revoke.revoking') : t('revoke.button')}
          </button>
        )}
        {revoke.error && (
          <span className="field__error" role="alert">
            {errorText(revoke.error)}
          </span>
        )}
      </td>
    </tr>
  );
}
