'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { fullName } from '../_components/full-name';
import { QueryListCard } from '../_components/query-state';
import { useFormats } from '../_i18n/use-formats';
import { useTRPC } from '../_trpc/react';

export function CustomerList() {
  const t = useTranslations('customers');
  const tc = useTranslations('common');
  const format = useFormats();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const customers = useQuery(
    trpc.customers.list.queryOptions(deferredSearch ? { search: deferredSearch } : undefined, {
      placeholderData: keepPreviousData,
    }),
  );

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      <div className="toolbar">
        <input
          className="input"
          type="search"
          placeholder={t('searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-label={t('searchLabel')}
          style={{ width: 280 }}
        />
      </div>
      <QueryListCard
        query={customers}
        empty={{ title: deferredSearch ? t('noMatch') : t('empty'), testId: 'customers-empty' }}
      >
        {(rows) => (
          <table className="table" data-testid="customer-table">
            <thead>
              <tr>
                <th>{t('columns.name')}</th>
                <th>{t('columns.email')}</th>
                <th>{t('columns.birthday')}</th>
                <th>{t('columns.timeZone')}</th>
                <th className="num">{t('columns.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((customer) => (
                <tr key={customer.id}>
                  <td>
                    <Link href={`/customers/${customer.id}`}>{fullName(customer) || tc('unnamed')}</Link>
                  </td>
                  <td>
                    {customer.email ?? (
                      <span className="muted" data-testid="customer-no-email">
                        {t('noEmail')}
                      </span>
                    )}
                  </td>
                  <td className="nowrap">{format.calendarDate(customer.birthday)}</td>
                  <td>{customer.timeZone}</td>
                  <td className="num">{t('points', { count: customer.balance })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryListCard>
    </>
  );
}
