'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { findNodeType } from '../../../workflows/journey/nodes';
import type { GalleryKey } from '../../../workflows/journey/gallery';
import { Loading, QueryError } from '../../_components/query-state';
import { useErrorText } from '../../_i18n/use-error-text';
import { useNodeText } from '../../_i18n/use-node-text';
import { useTRPC } from '../../_trpc/react';
import { useGalleryText } from './use-gallery-text';
import { NodeIcon } from '../node-icon';

/**
 * Ready journeys to start from: a card per gallery journey with what it does and its
 * steps; "Use this journey" creates the draft in this workspace and opens the editor.
 */
export function JourneyGallery() {
  const t = useTranslations('gallery');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const nodeText = useNodeText();
  const words = useGalleryText();
  const errorText = useErrorText();
  const gallery = useQuery(trpc.journeys.gallery.queryOptions(undefined, { staleTime: Infinity }));
  const create = useMutation(
    trpc.journeys.createFromGallery.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries(trpc.journeys.list.queryFilter());
        router.push(`/journeys/${id}`);
      },
    }),
  );
  const use = (key: GalleryKey) => create.mutate({ key, name: words[key].name });

  return (
    <section className="card" style={{ marginBottom: 20 }} data-testid="journey-gallery">
      <div className="card__header">
        <h2>{t('title')}</h2>
        <span className="muted">{t('subtitle')}</span>
      </div>
      <div className="card__body">
        {create.error && (
          <div className="alert alert--error" role="alert" style={{ marginBottom: 12 }}>
            {errorText(create.error)}
          </div>
        )}
        {gallery.isPending ? (
          <Loading label={t('loading')} />
        ) : gallery.isError ? (
          <QueryError error={gallery.error} onRetry={() => void gallery.refetch()} />
        ) : (
          <ul
            style={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
              gap: 12,
              listStyle: 'none',
              margin: 0,
              padding: 0,
            }}
          >
            {gallery.data.map((entry) => (
              <li
                key={entry.key}
                className="card card__body"
                style={{ display: 'flex', flexDirection: 'column', gap: 8, margin: 0 }}
                data-testid="gallery-card"
                data-key={entry.key}
              >
                <h3 style={{ margin: 0 }}>{words[entry.key].name}</h3>
                <p className="muted" style={{ margin: 0 }}>
                  {words[entry.key].description}
                </p>
                <div>
                  <span className="field__label">{t('steps')}</span>
                  <ol style={{ margin: '4px 0 0', paddingLeft: 20 }} data-testid="gallery-steps">
                    {entry.steps.map((type, index) => {
                      const definition = findNodeType(type);
                      return (
                        <li key={index}>
                          <NodeIcon type={type} /> {definition ? nodeText.label(definition) : type}
                        </li>
                      );
                    })}
                  </ol>
                </div>
                <button
                  type="button"
                  className="button button--primary"
                  style={{ marginTop: 'auto', alignSelf: 'flex-start' }}
                  onClick={() => use(entry.key)}
                  disabled={create.isPending}
                  data-testid={`use-gallery-${entry.key}`}
                >
                  {create.isPending && create.variables?.key === entry.key ? t('creating') : t('use')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
