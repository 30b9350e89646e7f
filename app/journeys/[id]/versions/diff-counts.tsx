'use client';

import { useTranslations } from 'next-intl';
import type { GraphDiffCounts } from '../../../../workflows/journey/graph-diff';

/** One line for the list: "1 added · 2 changed", or what the first version holds. */
export function DiffCounts({
  counts,
  settingsChanged,
  first,
}: {
  counts: GraphDiffCounts;
  settingsChanged: number;
  first: boolean;
}) {
  const t = useTranslations('versions.counts');
  if (first) return <span>{t('first', { steps: counts.added })}</span>;
  const parts = [
    counts.added > 0 ? t('added', { count: counts.added }) : null,
    counts.removed > 0 ? t('removed', { count: counts.removed }) : null,
    counts.changed > 0 ? t('changed', { count: counts.changed }) : null,
    counts.connections > 0 ? t('connections', { count: counts.connections }) : null,
    counts.moved > 0 ? t('moved', { count: counts.moved }) : null,
    settingsChanged > 0 ? t('settings', { count: settingsChanged }) : null,
  ].filter((part) => part !== null);
  if (parts.length === 0) return <span className="muted">{t('none')}</span>;
  return <span>{parts.join(' · ')}</span>;
}
