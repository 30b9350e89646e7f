'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { formatCalendarDate, formatPoints, fullName } from '../_components/format';
import { Loading, QueryError } from '../_components/query-state';
import { useTRPC } from '../_trpc/react';

export function CustomerList() {
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
          <h1>Customers</h1>
          <span className="page-header__subtitle">Profiles and loyalty balances.</span>
        </div>
      </div>
      <div className="toolbar">
        <input
          className="input"
          type="search"
          placeholder="Search name or email"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-label="Search customers"
          style={{ width: 280 }}
        />
      </div>
      <div className="card">
        {customers.isPending ? (
          <Loading />
        ) : customers.isError ? (
          <div className="card__body">
            <QueryError error={customers.error} onRetry={() => void customers.refetch()} />
          </div>
        ) : customers.data.length === 0 ? (
          <div className="empty-state">
            <h2>{deferredSearch ? 'No customer matches' : 'No customers yet'}</h2>
          </div>
        ) : (
          <table className="table" data-testid="customer-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Birthday</th>
                <th>Time zone</th>
                <th className="num">Balance</th>
              </tr>
            </thead>
            <tbody>
              {customers.data.map((customer) => (
                <tr key={customer.id}>
                  <td>
                    <Link href={`/customers/${customer.id}`}>{fullName(customer) || 'Unnamed'}</Link>
                  </td>
                  <td>{customer.email}</td>
                  <td className="nowrap">{formatCalendarDate(customer.birthday)}</td>
                  <td>{customer.timeZone}</td>
                  <td className="num">{formatPoints(customer.balance)} pts</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
