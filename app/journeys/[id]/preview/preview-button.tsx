'use client';

import { useTranslations } from 'next-intl';

/** The editor header's way into the preview. */
export function PreviewButton({ onClick, active }: { onClick: () => void; active: boolean }) {
  const t = useTranslations('preview');
  return (
    <button
      type="button"
      className="button"
      onClick={onClick}
      aria-pressed={active}
      data-testid="open-preview"
    >
      {t('open')}
    </button>
  );
}
