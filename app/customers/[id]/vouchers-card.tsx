'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { Loading, QueryError } from '../../_components/query-state';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { missing, useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { useAccess } from '../../_components/use-access';

type Voucher = RouterOutputs['rewards']['customerVouchers'][number];

const statusBadge: Record<Voucher['status'], string> = {
  issued: 'badge badge--earn',
  redeemed: 'badge badge--redeem',
  void: 'badge',
  expired: 'badge badge--expire',
};

/** The customer's vouchers; an unused one can be voided, which gives its points back. */
export function VouchersCard({ customerId }: { customerId: string }) {
  const t = useTranslations('customerVouchers');
  const format = useFormats();
  const trpc = useTRPC();
  const list = useQuery(trpc.rewards.customerVouchers.queryOptions({ customerId }));
  const [voiding, setVoiding] = useState<string | null>(null);
  const statusLabel = (status: Voucher['status']) =>
    status === 'issued'
      ? t('status.issued')
      : status === 'redeemed'
        ? t('status.redeemed')
        : status === 'void'
          ? t('status.void')
          : t('status.expired');

  return (
    <section className="card" data-testid="customer-vouchers">
      <div className="card__header">
        <h2>{t('title')}</h2>
        {list.data && <span className="muted">{t('count', { count: list.data.length })}</span>}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <div className="card__body">
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : list.data.length === 0 ? (
        <div className="card__body muted">{t('empty')}</div>
      ) : (
        <table className="table" data-testid="voucher-table">
          <thead>
            <tr>
              <th>{t('columns.code')}</th>
              <th>{t('columns.reward')}</th>
              <th className="num">{t('columns.points')}</th>
              <th>{t('columns.status')}</th>
              <th>{t('columns.validUntil')}</th>
              <th className="num">
                <span className="visually-hidden">{t('columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((voucher) => (
              <VoucherRow
                key={voucher.id}
                voucher={voucher}
                customerId={customerId}
                statusLabel={statusLabel(voucher.status)}
                voiding={voiding === voucher.id}
                onVoid={(open) => setVoiding(open ? voucher.id : null)}
                format={format}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function VoucherRow({
  voucher,
  customerId,
  statusLabel,
  voiding,
  onVoid,
  format,
}: {
  voucher: Voucher;
  customerId: string;
  statusLabel: string;
  voiding: boolean;
  onVoid: (open: boolean) => void;
  format: ReturnType<typeof useFormats>;
}) {
  const t = useTranslations('customerVouchers');
  const { canEdit } = useAccess();
  return (
    <>
      <tr data-testid="voucher-row" data-voucher-id={voucher.id}>
        <td className="mono nowrap" data-testid="voucher-code">
          {voucher.code}
        </td>
        <td>{voucher.rewardName}</td>
        <td className="num">{format.points(voucher.pointsSpent)}</td>
        <td>
          <span
            className={statusBadge[voucher.status]}
            data-testid="voucher-status"
            data-status={voucher.status}
          >
            {statusLabel}
          </span>
          {voucher.redeemedAt && (
            <span className="cell-secondary">
              {voucher.redeemedOrderRef
                ? t('usedOn', { date: format.dateTime(voucher.redeemedAt), order: voucher.redeemedOrderRef })
                : format.dateTime(voucher.redeemedAt)}
            </span>
          )}
        </td>
        <td className="nowrap">{voucher.expiresAt ? format.date(voucher.expiresAt) : missing}</td>
        <td className="num">
          {voucher.status === 'issued' && !voiding && canEdit && (
            <button
              type="button"
              className="button button--small"
              onClick={() => onVoid(true)}
              data-testid="voucher-void"
            >
              {t('void')}
            </button>
          )}
        </td>
      </tr>
      {voiding && (
        <tr>
          <td colSpan={6}>
            <VoidForm voucher={voucher} customerId={customerId} onDone={() => onVoid(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The confirmation step: what happens, and the reason the ledger will keep. */
function VoidForm({
  voucher,
  customerId,
  onDone,
}: {
  voucher: Voucher;
  customerId: string;
  onDone: () => void;
}) {
  const t = useTranslations('customerVouchers');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const voidVoucher = useMutation(
    trpc.rewards.voidVoucher.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.rewards.customerVouchers.queryFilter({ customerId })),
          queryClient.invalidateQueries(trpc.customers.get.queryFilter({ id: customerId })),
        ]);
        onDone();
      },
    }),
  );
  const errors = useInputErrors(voidVoucher.error);
  const reasonError = errors.field('reason');
  const formError =
    voidVoucher.error?.data?.code === 'CONFLICT' ? t('notVoidable') : reasonError ? undefined : errors.other;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!voidVoucher.isPending) voidVoucher.mutate({ voucherId: voucher.id, reason });
  }

  return (
    <form className="voucher-void-form" onSubmit={submit} noValidate data-testid="voucher-void-form">
      <p className="muted">
        {voucher.pointsSpent > 0
          ? t('confirmText', { code: voucher.code, points: voucher.pointsSpent })
          : t('confirmTextFree', { code: voucher.code })}
      </p>
      <FormField
        id={`void-reason-${voucher.id}`}
        label={t('reason')}
        error={reasonError}
        errorTestId="voucher-void-reason-error"
      >
        <input
          id={`void-reason-${voucher.id}`}
          className={invalidClass(reasonError, 'input')}
          value={reason}
          maxLength={150}
          onChange={(event) => setReason(event.target.value)}
          placeholder={t('reasonPlaceholder')}
          aria-invalid={reasonError ? true : undefined}
          data-testid="voucher-void-reason"
        />
      </FormField>
      <div className="workspace-form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={voidVoucher.isPending}
          data-testid="voucher-void-confirm"
        >
          {voidVoucher.isPending ? t('voiding') : t('confirmVoid')}
        </button>
        <button type="button" className="button" onClick={onDone} data-testid="voucher-void-cancel">
          {t('cancel')}
        </button>
        {formError && (
          <span className="field__error" role="alert" data-testid="voucher-void-error">
            {formError}
          </span>
        )}
      </div>
    </form>
  );
}
