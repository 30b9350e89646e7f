'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { segmentRulesSchema } from '../../db/segments/segment-rules';
import { fullName } from '../_components/full-name';
import { Loading } from '../_components/query-state';
import { useTRPC } from '../_trpc/react';
import type { RulesDraft } from './rule-draft';

/**
 * Who the rules on screen match right now, before saving: the count and the first 20
 * members, computed by the server with the evaluation's own SQL. Rules that are not
 * complete yet (the server refuses them) show a hint instead of an error.
 */
export function SegmentPreview({ rules }: { rules: RulesDraft }) {
  const t = useTranslations('segments.preview');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const deferred = useSettled(rules, 400);
  // Half-built rules (a tier rule before its tier is chosen) are not sent: the same schema
  // the server applies says whether the draft is complete.
  const complete = segmentRulesSchema.safeParse(deferred);
  const preview = useQuery(
    trpc.segments.preview.queryOptions(
      { rules: complete.success ? complete.data : { match: 'all', rules: [] } },
      { retry: false, placeholderData: keepPreviousData, enabled: complete.success },
    ),
  );
  return (
    <section className="card segment-preview" aria-live="polite" data-testid="segment-preview">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body">
        {deferred.rules.length === 0 ? (
          <p className="muted">{t('noRules')}</p>
        ) : !complete.success || preview.isError ? (
          <p className="muted" data-testid="segment-preview-incomplete">
            {t('incomplete')}
          </p>
        ) : preview.isPending ? (
          <Loading />
        ) : (
          <>
            <p data-testid="segment-preview-count">
              <strong>{t('count', { count: preview.data.count })}</strong>
              {preview.data.count > preview.data.members.length && (
                <span className="muted"> · {t('first', { count: preview.data.members.length })}</span>
              )}
            </p>
            {preview.data.members.length > 0 && (
              <ul className="segment-preview__members" data-testid="segment-preview-members">
                {preview.data.members.map((member) => (
                  <li key={member.id}>
                    <Link href={`/customers/${member.id}`}>{fullName(member) || tc('unnamed')}</Link>
                    {member.email && <span className="muted"> · {member.email}</span>}
                  </li>
                ))}
              </ul>
            )}
            {preview.isFetching && <span className="muted">{t('updating')}</span>}
          </>
        )}
      </div>
    </section>
  );
}

/** The value once it has stopped changing for `ms`: one preview query per pause in typing, not per key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
