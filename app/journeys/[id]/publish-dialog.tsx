'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Dialog } from '../../_components/dialog';
import { useTRPC } from '../../_trpc/react';

/**
 * "Publish?": says what happens to the customers already in the journey (they finish on
 * the version they started on) and how many there are, before the new version goes live.
 */
export function PublishDialog({
  journeyId,
  onConfirm,
  onClose,
}: {
  journeyId: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations('editor.publishDialog');
  const trpc = useTRPC();
  const inFlight = useQuery(trpc.journeys.runsInFlight.queryOptions({ id: journeyId }, { staleTime: 0 }));
  const data = inFlight.data;
  return (
    <Dialog title={t('title')} testId="publish-dialog" onClose={onClose}>
      <div className="stack">
        {inFlight.isPending ? (
          <p className="muted">{t('counting')}</p>
        ) : !data || data.liveVersion === null ? (
          <p data-testid="publish-first">{t('first')}</p>
        ) : data.running === null ? (
          <p data-testid="publish-in-flight">{t('unknown', { version: data.liveVersion })}</p>
        ) : (
          <p data-testid="publish-in-flight">
            {t('inFlight', { version: data.liveVersion, count: data.running })}
          </p>
        )}
        <p className="field__help">{t('newEntries')}</p>
        <div className="workspace-form__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              onClose();
              onConfirm();
            }}
            data-testid="publish-confirm"
          >
            {t('confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('back')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
