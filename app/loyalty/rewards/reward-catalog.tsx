'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { missing, useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { useRewardKindLabel, useRewardValueText } from './reward-labels';
import { RewardForm } from './reward-form';
import { RequireAccess } from '../../_components/require-access';

export type RewardRowData = RouterOutputs['rewards']['list']['rewards'][number];

/** The rewards members can redeem points for: the catalog, and a form to add or edit one. */
export function RewardCatalog() {
  const t = useTranslations('rewards');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const catalog = useQuery(trpc.rewards.list.queryOptions());
  // null: the form adds a new reward; a reward: the form edits it.
  const [editing, setEditing] = useState<RewardRowData | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const archive = useMutation(
    trpc.rewards.archive.mutationOptions({
      onSuccess: async ({ outcome }) => {
        setNotice(outcome === 'deleted' ? t('deleted') : t('archived'));
        await queryClient.invalidateQueries(trpc.rewards.list.queryFilter());
      },
    }),
  );

  function startEdit(reward: RewardRowData | null) {
    setEditing(reward);
    setFormKey((key) => key + 1);
    setNotice(null);
  }

  return (
    <div className="stack">
      <section className="card">
        <div className="card__header">
          <h2>{t('catalogTitle')}</h2>
          <RequireAccess access="edit">
            <button
              type="button"
              className="button button--small"
              onClick={() => startEdit(null)}
              data-testid="reward-new"
            >
              {t('newReward')}
            </button>
          </RequireAccess>
        </div>
        {catalog.isPending ? (
          <Loading />
        ) : catalog.isError ? (
          <div className="card__body">
            <QueryError error={catalog.error} onRetry={() => void catalog.refetch()} />
          </div>
        ) : catalog.data.rewards.length === 0 ? (
          <div className="empty-state" data-testid="rewards-empty">
            <h2>{t('emptyTitle')}</h2>
            <p>{t('emptyText')}</p>
          </div>
        ) : (
          <RewardTable
            rewards={catalog.data.rewards}
            currency={catalog.data.currency}
            onEdit={startEdit}
            onArchive={(reward) => {
              if (window.confirm(t('confirmArchive', { name: reward.name, issued: reward.issuedCount })))
                archive.mutate({ id: reward.id });
            }}
          />
        )}
      </section>
      {notice && (
        <div className="alert alert--success" role="status" data-testid="reward-notice">
          {notice}
        </div>
      )}
      {archive.error && <QueryError error={archive.error} />}
      {catalog.data && (
        <RewardForm
          key={formKey}
          reward={editing}
          currency={catalog.data.currency}
          tiers={catalog.data.tiers}
          onSaved={(name, created) => {
            startEdit(null);
            setNotice(created ? t('created', { name }) : t('updated', { name }));
          }}
          onCancel={() => startEdit(null)}
        />
      )}
    </div>
  );
}

function RewardTable({
  rewards,
  currency,
  onEdit,
  onArchive,
}: {
  rewards: RewardRowData[];
  currency: string;
  onEdit: (reward: RewardRowData) => void;
  onArchive: (reward: RewardRowData) => void;
}) {
  const t = useTranslations('rewards');
  const format = useFormats();
  const kindLabel = useRewardKindLabel();
  const valueText = useRewardValueText(currency);
  return (
    <table className="table" data-testid="reward-table">
      <thead>
        <tr>
          <th>{t('columns.name')}</th>
          <th>{t('columns.kind')}</th>
          <th className="num">{t('columns.value')}</th>
          <th className="num">{t('columns.pointsCost')}</th>
          <th className="num">{t('columns.stock')}</th>
          <th className="num">{t('columns.issued')}</th>
          <th>{t('columns.status')}</th>
          <th className="num">
            <span className="visually-hidden">{t('columns.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rewards.map((reward) => (
          <tr key={reward.id} data-testid="reward-row" data-reward-id={reward.id}>
            <td>
              <span data-testid="reward-row-name">{reward.name}</span>
              {reward.minTierName && (
                <span className="cell-secondary">{t('minTierNote', { tier: reward.minTierName })}</span>
              )}
            </td>
            <td>{kindLabel(reward.kind)}</td>
            <td className="num" data-testid="reward-row-value">
              {valueText(reward.kind, reward.value)}
            </td>
            <td className="num" data-testid="reward-row-cost">
              {format.points(reward.pointsCost)}
            </td>
            <td className="num" data-testid="reward-row-stock">
              {reward.stockRemaining === null ? t('unlimited') : format.points(reward.stockRemaining)}
            </td>
            <td className="num" data-testid="reward-row-issued">
              {format.points(reward.issuedCount)}
            </td>
            <td>
              <span
                className={reward.active ? 'badge badge--live' : 'badge'}
                data-testid="reward-row-status"
                data-status={reward.active ? 'active' : 'inactive'}
              >
                {reward.active ? t('status.active') : t('status.inactive')}
              </span>
              {(reward.availableFrom || reward.availableUntil) && (
                <span className="cell-secondary">
                  {t('window', {
                    from: reward.availableFrom ? format.date(reward.availableFrom) : missing,
                    until: reward.availableUntil ? format.date(reward.availableUntil) : missing,
                  })}
                </span>
              )}
            </td>
            <td className="num nowrap">
              <button
                type="button"
                className="button button--small"
                onClick={() => onEdit(reward)}
                data-testid="reward-edit"
              >
                {t('edit')}
              </button>{' '}
              {(reward.active || reward.issuedCount === 0) && (
                <RequireAccess access="edit">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onArchive(reward)}
                    data-testid="reward-archive"
                  >
                    {reward.issuedCount === 0 ? t('delete') : t('archive')}
                  </button>
                </RequireAccess>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
