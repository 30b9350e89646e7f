'use client';

import { useTranslations } from 'next-intl';
import type { Figure } from '../../db/analytics/figure';
import { useFigureText, type FormulaValues } from '../_i18n/use-figure-text';
import styles from './analytics.module.css';
import { changeTone, relativeChange } from './figure-trend';
import { useFigureFormat } from './use-figure-format';

/** One figure: its value, the previous period and the change, with the formula beneath it. */
export function FigureCard({
  figure,
  currency,
  formulaValues,
}: {
  figure: Figure;
  currency: string;
  formulaValues: FormulaValues;
}) {
  const t = useTranslations('analytics');
  const text = useFigureText();
  const format = useFigureFormat(currency);
  const tone = changeTone(figure.id, figure.change);
  const relative = figure.unit === 'percent' ? null : relativeChange(figure.value, figure.previous);
  return (
    <div className={styles.figure} data-testid={`figure-${figure.id}`}>
      <span className={styles.figureLabel}>{text.label(figure.id)}</span>
      <span className={styles.figureValue} data-testid="figure-value">
        {format.value(figure.unit, figure.value)}
      </span>
      <span className={styles.figureCompare} data-testid="figure-previous">
        {t('previous', { value: format.value(figure.unit, figure.previous) })}
        {/* No change is said by the equal numbers; a bare "0" after them reads like a typo. */}
        {figure.change !== null && figure.change !== 0 && (
          <>
            {' · '}
            <span className={tone === 'neutral' ? undefined : styles[tone]} data-testid="figure-change">
              {relative === null
                ? format.change(figure.unit, figure.change)
                : t('changeWithRelative', {
                    change: format.change(figure.unit, figure.change),
                    relative: format.count(relative, true),
                  })}
            </span>
          </>
        )}
      </span>
      <p className={styles.figureFormula} data-testid="figure-formula">
        {text.formula(figure.id, figure.formula, formulaValues)}
      </p>
    </div>
  );
}
