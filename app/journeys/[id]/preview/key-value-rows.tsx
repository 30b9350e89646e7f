'use client';

import { useTranslations } from 'next-intl';

export interface KeyValueRow {
  key: string;
  value: string;
}

/**
 * What a row's text means as data: numbers and true/false as such, anything else as text,
 * so `total = 20` reads in a formula or filter the way a tracked event would carry it.
 */
export function rowsToRecord(rows: readonly KeyValueRow[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const { key, value } of rows) {
    const name = key.trim();
    if (!name) continue;
    const text = value.trim();
    record[name] =
      text === 'true'
        ? true
        : text === 'false'
          ? false
          : text !== '' && !Number.isNaN(Number(text))
            ? Number(text)
            : value;
  }
  return record;
}

/** Editable name = value rows (event properties, sample attributes). */
export function KeyValueRows({
  rows,
  onChange,
  idPrefix,
}: {
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  idPrefix: string;
}) {
  const t = useTranslations('preview.rows');
  const update = (index: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="preview-rows">
      {rows.map((row, index) => (
        <div key={index} className="preview-rows__row">
          <input
            className="input"
            aria-label={t('name')}
            placeholder={t('name')}
            value={row.key}
            onChange={(event) => update(index, { key: event.target.value })}
            data-testid={`${idPrefix}-key-${index}`}
          />
          <input
            className="input"
            aria-label={t('value')}
            placeholder={t('value')}
            value={row.value}
            onChange={(event) => update(index, { value: event.target.value })}
            data-testid={`${idPrefix}-value-${index}`}
          />
          <button
            type="button"
            className="button button--small"
            aria-label={t('remove')}
            title={t('remove')}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
        data-testid={`${idPrefix}-add`}
      >
        {t('add')}
      </button>
    </div>
  );
}
