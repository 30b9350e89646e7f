'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { QueryListCard } from '../../_components/query-state';
import { ReadOnlyNote } from '../../_components/require-access';
import { useAccess } from '../../_components/use-access';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { ApiKeyRow } from './api-key-row';
import { CreatedKey } from './created-key';
import { NewApiKeyForm } from './new-api-key-form';

export type CreatedApiKey = RouterOutputs['apiKeys']['create'];

/** The workspace's API keys: who can call the loyalty API and send events in its name. */
export function ApiKeysPage() {
  const t = useTranslations('apiKeys');
  const trpc = useTRPC();
  const { role, isAdmin } = useAccess();
  const keys = useQuery(trpc.apiKeys.list.queryOptions(undefined, { enabled: isAdmin }));
  // Held only in this component's state: leaving the page forgets the key for good.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      {role && !isAdmin ? (
        <ReadOnlyNote access="admin" testId="api-keys-admins-only" />
      ) : (
        <div className="stack">
          {created && <CreatedKey created={created} onDone={() => setCreated(null)} />}
          {revoked && (
            <div className="alert alert--success" role="status" data-testid="api-key-revoked">
              {t('revoke.done', { name: revoked })}
            </div>
          )}
          <QueryListCard
            query={keys}
            empty={{ title: t('empty.title'), text: t('empty.text'), testId: 'api-keys-empty' }}
          >
            {(rows) => (
              <table className="table" data-testid="api-key-table">
                <thead>
                  <tr>
                    <th>{t('columns.name')}</th>
                    <th>{t('columns.kind')}</th>
                    <th>{t('columns.key')}</th>
                    <th>{t('columns.created')}</th>
                    <th>{t('columns.lastUsed')}</th>
                    <th>{t('columns.status')}</th>
                    <th className="num">
                      <span className="visually-hidden">{t('columns.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((apiKey) => (
                    <ApiKeyRow
                      key={apiKey.id}
                      apiKey={apiKey}
                      onRevoked={(name) => {
                        setCreated(null);
                        setRevoked(name);
                      }}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </QueryListCard>
          <NewApiKeyForm
            onCreated={(key) => {
              setRevoked(null);
              setCreated(key);
            }}
          />
        </div>
      )}
    </>
  );
}
