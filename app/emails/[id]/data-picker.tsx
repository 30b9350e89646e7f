'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { fullName } from '../../_components/full-name';
import { useTRPC } from '../../_trpc/react';
import { useDebounced } from './use-debounced';

export interface PreviewPerson {
  id: string;
  label: string;
}

/**
 * Whose data the preview and the test send use: the sample profile, or a real customer of
 * this workspace found by name or email (their balance, tier and expiring points).
 */
export function DataPicker({
  person,
  onChange,
}: {
  person: PreviewPerson | null;
  onChange: (person: PreviewPerson | null) => void;
}) {
  const t = useTranslations('emails.studio.data');
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 300);
  const results = useQuery({
    ...trpc.customers.list.queryOptions({ search: term }),
    enabled: term.length >= 2,
  });

  return (
    <div className="data-picker" data-testid="data-picker">
      <span className="data-picker__label">{t('label')}</span>
      <span className="data-picker__current" data-testid="data-picker-current">
        {person ? person.label : t('sample')}
      </span>
      {person && (
        <button
          type="button"
          className="button button--small"
          onClick={() => onChange(null)}
          data-testid="data-picker-sample"
        >
          {t('useSample')}
        </button>
      )}
      <input
        className="input data-picker__search"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        placeholder={t('searchPlaceholder')}
        aria-label={t('search')}
        data-testid="data-picker-search"
      />
      {term.length >= 2 && (
        <ul className="data-picker__results" data-testid="data-picker-results">
          {results.isPending ? (
            <li className="muted">{t('searching')}</li>
          ) : results.data && results.data.length > 0 ? (
            results.data.slice(0, 8).map((customer) => {
              const label = fullName(customer) || customer.email || customer.id;
              return (
                <li key={customer.id}>
                  <button
                    type="button"
                    className="data-picker__result"
                    onClick={() => {
                      onChange({ id: customer.id, label });
                      setSearch('');
                    }}
                    data-testid="data-picker-result"
                  >
                    {label}
                    {customer.email && <span className="cell-secondary"> {customer.email}</span>}
                  </button>
                </li>
              );
            })
          ) : (
            <li className="muted">{t('noMatch')}</li>
          )}
        </ul>
      )}
    </div>
  );
}
