'use client';

import { useTranslations } from 'next-intl';

/** Percentages per split branch (`branch_1` first); the holdout is its own field. */
export function SharesInput(props: {
  id: string;
  value: unknown;
  holdout: unknown;
  invalid: boolean;
  onChange: (value: unknown) => void;
  testId: string;
}) {
  const t = useTranslations('configPanel');
  const shares: Array<number | null> = Array.isArray(props.value)
    ? (props.value as Array<number | null>)
    : [];
  const holdout = typeof props.holdout === 'number' ? props.holdout : 0;
  const total = shares.reduce<number>((sum, share) => sum + (share ?? 0), 0) + holdout;
  return (
    <div className="config-rows" id={props.id}>
      {shares.map((share, index) => (
        <div key={index} className="config-row" data-testid={`${props.testId}-row-${index}`}>
          <span className="config-row__label">{t('branchNumber', { n: index + 1 })}</span>
          <input
            className={props.invalid ? 'input input--invalid config-row__number' : 'input config-row__number'}
            type="number"
            min={0}
            max={100}
            step={1}
            aria-label={t('sharePercent', { n: index + 1 })}
            value={share ?? ''}
            onChange={(event) =>
              props.onChange(
                shares.map((s, i) =>
                  i === index ? (event.target.value === '' ? null : Number(event.target.value)) : s,
                ),
              )
            }
            data-testid={`${props.testId}-${index}`}
          />
          <span aria-hidden>%</span>
          {shares.length > 1 && (
            <button
              type="button"
              className="button button--small"
              aria-label={t('removeBranch')}
              onClick={() => props.onChange(shares.filter((_, i) => i !== index))}
              data-testid={`${props.testId}-${index}-remove`}
            >
              ×
            </button>
          )}
        </div>
      ))}
      <div className="config-row">
        {shares.length < 10 && (
          <button
            type="button"
            className="button button--small"
            onClick={() => props.onChange([...shares, 0])}
            data-testid={`${props.testId}-add`}
          >
            {t('addBranch')}
          </button>
        )}
        <span
          className={total === 100 ? 'field__help' : 'field__error'}
          data-testid={`${props.testId}-total`}
        >
          {t('sharesTotal', { total })}
        </span>
      </div>
    </div>
  );
}
