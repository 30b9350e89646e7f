'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormField, invalidClass } from '../../../_components/form-field';
import { useFormats } from '../../../_i18n/use-formats';
import { useTRPC } from '../../../_trpc/react';
import { KeyValueRows, type KeyValueRow } from './key-value-rows';

export interface SampleForm {
  firstName: string;
  email: string;
  timeZone: string;
  locale: 'en' | 'de';
  balance: string;
  tierId: string;
  marketingConsent: boolean;
  attributes: KeyValueRow[];
  /** Segments the sample counts as a member of. */
  segmentIds: string[];
}

export type Who =
  | { mode: 'customer'; customer: { id: string; name: string; timeZone: string } | null }
  | { mode: 'sample'; sample: SampleForm };

const shownMatches = 8;

/** Who goes through the preview: a real customer found by name or email, or a sample profile. */
export function PreviewWho({
  who,
  onChange,
  tiers,
  segments,
  fieldError,
}: {
  who: Who;
  onChange: (who: Who) => void;
  tiers: ReadonlyArray<{ id: string; name: string }>;
  segments: ReadonlyArray<{ id: string; name: string }>;
  fieldError: (path: string) => string | undefined;
}) {
  const t = useTranslations('preview.who');
  const [lastSample, setLastSample] = useState<SampleForm | null>(null);
  return (
    <fieldset className="preview-panel__fieldset">
      <legend>{t('title')}</legend>
      <div className="preview-panel__modes" role="radiogroup" aria-label={t('title')}>
        <label>
          <input
            type="radio"
            name="preview-who"
            checked={who.mode === 'customer'}
            onChange={() => {
              if (who.mode === 'sample') setLastSample(who.sample);
              onChange({ mode: 'customer', customer: null });
            }}
            data-testid="preview-mode-customer"
          />{' '}
          {t('customer')}
        </label>
        <label>
          <input
            type="radio"
            name="preview-who"
            checked={who.mode === 'sample'}
            onChange={() => onChange({ mode: 'sample', sample: lastSample ?? defaultSample() })}
            data-testid="preview-mode-sample"
          />{' '}
          {t('sample')}
        </label>
      </div>
      {who.mode === 'customer' ? (
        <CustomerSearch
          chosen={who.customer}
          onChoose={(customer) => onChange({ mode: 'customer', customer })}
          error={fieldError('who.customerId')}
        />
      ) : (
        <SampleFields
          sample={who.sample}
          onChange={(sample) => onChange({ mode: 'sample', sample })}
          tiers={tiers}
          segments={segments}
          fieldError={fieldError}
        />
      )}
    </fieldset>
  );
}

function defaultSample(): SampleForm {
  return {
    firstName: '',
    email: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Berlin',
    locale: 'de',
    balance: '0',
    tierId: '',
    marketingConsent: true,
    attributes: [],
    segmentIds: [],
  };
}

function CustomerSearch({
  chosen,
  onChoose,
  error,
}: {
  chosen: { id: string; name: string } | null;
  onChoose: (customer: { id: string; name: string; timeZone: string } | null) => void;
  error: string | undefined;
}) {
  const t = useTranslations('preview.who');
  const format = useFormats();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const term = search.trim();
  const matches = useQuery(
    trpc.customers.list.queryOptions({ search: term }, { enabled: term.length >= 2 && chosen === null }),
  );
  if (chosen)
    return (
      <div className="preview-panel__chosen" data-testid="preview-chosen-customer">
        <strong>{chosen.name}</strong>
        <button type="button" className="button button--small" onClick={() => onChoose(null)}>
          {t('change')}
        </button>
      </div>
    );
  return (
    <FormField id="preview-customer-search" label={t('search')} error={error} help={t('searchHelp')}>
      <input
        id="preview-customer-search"
        className={invalidClass(error, 'input')}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        data-testid="preview-customer-search"
        autoComplete="off"
      />
      {term.length >= 2 && matches.data && (
        <ul className="preview-panel__matches" data-testid="preview-customer-matches">
          {matches.data.length === 0 && <li className="muted">{t('noMatches')}</li>}
          {matches.data.slice(0, shownMatches).map((customer) => {
            const name =
              [customer.firstName, customer.lastName].filter(Boolean).join(' ') ||
              (customer.email ?? customer.id);
            return (
              <li key={customer.id}>
                <button
                  type="button"
                  className="preview-panel__match"
                  onClick={() => onChoose({ id: customer.id, name, timeZone: customer.timeZone })}
                  data-testid="preview-customer-match"
                >
                  <span>{name}</span>
                  <span className="muted">
                    {t('matchDetails', {
                      email: customer.email ?? '',
                      zone: customer.timeZone,
                      balance: format.points(customer.balance),
                    })}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </FormField>
  );
}

function SampleFields({
  sample,
  onChange,
  tiers,
  segments,
  fieldError,
}: {
  sample: SampleForm;
  onChange: (sample: SampleForm) => void;
  tiers: ReadonlyArray<{ id: string; name: string }>;
  segments: ReadonlyArray<{ id: string; name: string }>;
  fieldError: (path: string) => string | undefined;
}) {
  const t = useTranslations('preview.who');
  const set = (patch: Partial<SampleForm>) => onChange({ ...sample, ...patch });
  const error = (field: string) => fieldError(`who.sample.${field}`);
  return (
    <div className="preview-panel__sample" data-testid="preview-sample">
      <div className="preview-panel__grid">
        <FormField id="preview-sample-first-name" label={t('firstName')} error={error('firstName')}>
          <input
            id="preview-sample-first-name"
            className={invalidClass(error('firstName'), 'input')}
            value={sample.firstName}
            onChange={(event) => set({ firstName: event.target.value })}
            data-testid="preview-sample-first-name"
          />
        </FormField>
        <FormField id="preview-sample-email" label={t('email')} error={error('email')} help={t('emailHelp')}>
          <input
            id="preview-sample-email"
            type="email"
            className={invalidClass(error('email'), 'input')}
            value={sample.email}
            onChange={(event) => set({ email: event.target.value })}
            data-testid="preview-sample-email"
          />
        </FormField>
        <FormField id="preview-sample-zone" label={t('timeZone')} error={error('timeZone')}>
          <input
            id="preview-sample-zone"
            className={invalidClass(error('timeZone'), 'input')}
            value={sample.timeZone}
            onChange={(event) => set({ timeZone: event.target.value })}
            data-testid="preview-sample-zone"
          />
        </FormField>
        <FormField id="preview-sample-locale" label={t('locale')} error={error('locale')}>
          <select
            id="preview-sample-locale"
            className="select"
            value={sample.locale}
            onChange={(event) => set({ locale: event.target.value === 'en' ? 'en' : 'de' })}
          >
            <option value="de">{t('german')}</option>
            <option value="en">{t('english')}</option>
          </select>
        </FormField>
        <FormField id="preview-sample-balance" label={t('balance')} error={error('balance')}>
          <input
            id="preview-sample-balance"
            type="number"
            min={0}
            step={1}
            className={invalidClass(error('balance'), 'input')}
            value={sample.balance}
            onChange={(event) => set({ balance: event.target.value })}
            data-testid="preview-sample-balance"
          />
        </FormField>
        <FormField id="preview-sample-tier" label={t('tier')} error={error('tierId')}>
          <select
            id="preview-sample-tier"
            className="select"
            value={sample.tierId}
            onChange={(event) => set({ tierId: event.target.value })}
          >
            <option value="">{t('noTier')}</option>
            {tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tier.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <label className="preview-panel__check">
        <input
          type="checkbox"
          checked={sample.marketingConsent}
          onChange={(event) => set({ marketingConsent: event.target.checked })}
          data-testid="preview-sample-consent"
        />{' '}
        {t('consent')}
      </label>
      {segments.length > 0 && (
        <fieldset className="preview-panel__segments" data-testid="preview-sample-segments">
          <legend className="field__label">{t('segments')}</legend>
          {segments.map((segment) => (
            <label key={segment.id} className="preview-panel__check">
              <input
                type="checkbox"
                checked={sample.segmentIds.includes(segment.id)}
                onChange={(event) =>
                  set({
                    segmentIds: event.target.checked
                      ? [...sample.segmentIds, segment.id]
                      : sample.segmentIds.filter((id) => id !== segment.id),
                  })
                }
                data-testid={`preview-sample-segment-${segment.id}`}
              />{' '}
              {segment.name}
            </label>
          ))}
          {error('segmentIds') && <span className="field__error">{error('segmentIds')}</span>}
        </fieldset>
      )}
      <div className="field">
        <span className="field__label">{t('attributes')}</span>
        <KeyValueRows
          rows={sample.attributes}
          onChange={(attributes) => set({ attributes })}
          idPrefix="preview-sample-attribute"
        />
      </div>
    </div>
  );
}
