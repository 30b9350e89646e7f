'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { BroadcastDialog } from './broadcast-dialog';
import { BroadcastList } from './broadcast-list';

/** The editor's bar for a live "Manual or API" journey: the Broadcast button, its dialog and the progress list. */
export function BroadcastPanel({ journeyId }: { journeyId: string }) {
  const t = useTranslations('broadcasts');
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  return (
    <div className="broadcast-panel" data-testid="broadcast-panel">
      <div className="alert">
        <span>
          <span aria-hidden>📣</span> {t('liveManual')}
        </span>
        {!open && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setSent(false);
              setOpen(true);
            }}
            data-testid="broadcast-open"
          >
            {t('open')}
          </button>
        )}
        {sent && (
          <span role="status" data-testid="broadcast-created">
            {t('created')}
          </span>
        )}
      </div>
      {open && (
        <BroadcastDialog
          journeyId={journeyId}
          onClose={(created) => {
            setOpen(false);
            setSent(created);
          }}
        />
      )}
      <BroadcastList journeyId={journeyId} />
    </div>
  );
}
