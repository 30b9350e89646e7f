'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { Fragment, useState } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { TierForm } from './tier-form';
import { formatMultiplier, formatTierValue, type TierBasis } from './tier-values';
import { RequireAccess } from '../../_components/require-access';

export type TierRowData = RouterOutputs['tiers']['list']['tiers'][number];

/** The program's tiers, lowest first: edited and added inline, deleted when nothing depends on them. */
export function TierLadder() {
  const t = useTranslations('tiers');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ladder = useQuery(trpc.tiers.list.queryOptions());
  // 'new': the add form is open; a tier id: that row is being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation(
    trpc.tiers.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.tiers.list.queryFilter());
      },
    }),
  );

  function open(target: string | null) {
    setEditing(target);
    setNotice(null);
    remove.reset();
  }

  if (ladder.isPending) return <Loading />;
  if (ladder.isError) return <QueryError error={ladder.error} onRetry={() => void ladder.refetch()} />;
  const { tiers, settings, currency } = ladder.data;
  const saved = (name: string, created: boolean) => {
    setEditing(null);
    setNotice(created ? t('created', { name }) : t('updated', { name }));
  };

  return (
    <div className="stack">
      <section className="card">
        <div className="card__header">
          <h2>{t('title')}</h2>
          <RequireAccess access="edit">
            <button
              type="button"
              className="button button--small"
              onClick={() => open('new')}
              disabled={editing === 'new'}
              data-testid="tier-new"
            >
              {t('newTier')}
            </button>
          </RequireAccess>
        </div>
        <div className="card__body muted" data-testid="tier-basis-note">
          {settings.basis === 'spend'
            ? t('basisSpend', { months: settings.windowMonths, currency })
            : t('basisPoints', { months: settings.windowMonths })}
        </div>
        {tiers.length === 0 && editing !== 'new' ? (
          <div className="empty-state" data-testid="tiers-empty">
            <h2>{t('emptyTitle')}</h2>
            <p>{t('emptyText')}</p>
          </div>
        ) : (
          <table className="table" data-testid="tier-table">
            <thead>
              <tr>
                <th>{t('columns.name')}</th>
                <th className="num">
                  {settings.basis === 'spend' ? t('columns.thresholdSpend') : t('columns.thresholdPoints')}
                </th>
                <th className="num">{t('columns.multiplier')}</th>
                <th>{t('columns.perks')}</th>
                <th className="num">{t('columns.members')}</th>
                <th className="num">
                  <span className="visually-hidden">{t('columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tiers.map((tier) =>
                editing === tier.id ? (
                  <tr key={tier.id} data-testid="tier-edit-row">
                    <td colSpan={6}>
                      <TierForm
                        tier={tier}
                        basis={settings.basis}
                        currency={currency}
                        onSaved={saved}
                        onCancel={() => open(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <Fragment key={tier.id}>
                    <TierRow
                      tier={tier}
                      basis={settings.basis}
                      currency={currency}
                      deleting={remove.isPending && remove.variables?.id === tier.id}
                      onEdit={() => open(tier.id)}
                      onDelete={() => {
                        if (window.confirm(t('confirmDelete', { name: tier.name }))) {
                          setNotice(null);
                          remove.mutate(
                            { id: tier.id },
                            { onSuccess: () => setNotice(t('deleted', { name: tier.name })) },
                          );
                        }
                      }}
                    />
                  </Fragment>
                ),
              )}
              {editing === 'new' && (
                <tr data-testid="tier-new-row">
                  <td colSpan={6}>
                    <TierForm
                      tier={null}
                      basis={settings.basis}
                      currency={currency}
                      onSaved={saved}
                      onCancel={() => open(null)}
                    />
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </section>
      {notice && (
        <div className="alert alert--success" role="status" data-testid="tier-notice">
          {notice}
        </div>
      )}
      {remove.error &&
        (remove.error.data?.code === 'PRECONDITION_FAILED' ? (
          <div className="alert alert--error" role="alert" data-testid="tier-delete-error">
            {t('inUse')}
          </div>
        ) : (
          <QueryError error={remove.error} />
        ))}
    </div>
  );
}

function TierRow({
  tier,
  basis,
  currency,
  deleting,
  onEdit,
  onDelete,
}: {
  tier: TierRowData;
  basis: TierBasis;
  currency: string;
  deleting: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations('tiers');
  const format = useFormatter();
  // Why the delete button is off, in words, so nobody has to try it to find out.
  const blocked =
    tier.members > 0
      ? t('blockedMembers', { count: tier.members })
      : tier.rewards > 0
        ? t('blockedRewards', { count: tier.rewards })
        : tier.inHistory
          ? t('blockedHistory')
          : null;
  return (
    <tr data-testid="tier-row" data-tier-id={tier.id}>
      <td data-testid="tier-row-name">{tier.name}</td>
      <td className="num" data-testid="tier-row-threshold">
        {basis === 'points'
          ? t('points', { value: formatTierValue(format, tier.threshold, basis, currency) })
          : formatTierValue(format, tier.threshold, basis, currency)}
      </td>
      <td className="num" data-testid="tier-row-multiplier">
        {t('multiplier', { factor: formatMultiplier(format, tier.multiplierPercent) })}
      </td>
      <td className="tier-perks" data-testid="tier-row-perks">
        {tier.perks || <span className="muted">{t('noPerks')}</span>}
      </td>
      <td className="num" data-testid="tier-row-members">
        {format.number(tier.members)}
      </td>
      <td className="num nowrap">
        <button type="button" className="button button--small" onClick={onEdit} data-testid="tier-edit">
          {t('edit')}
        </button>{' '}
        <RequireAccess access="edit">
          <button
            type="button"
            className="button button--small tier-delete-button"
            onClick={onDelete}
            disabled={blocked !== null || deleting}
            title={blocked ?? undefined}
            data-testid="tier-delete"
          >
            {t('delete')}
          </button>
        </RequireAccess>
        {blocked && (
          <span className="cell-secondary" data-testid="tier-delete-blocked">
            {blocked}
          </span>
        )}
      </td>
    </tr>
  );
}
