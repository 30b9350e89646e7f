'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';

const explainedCodes = ['NOT_FOUND', 'BAD_REQUEST', 'PRECONDITION_FAILED', 'INTERNAL_SERVER_ERROR'] as const;

/** A failed request in words, by tRPC error code; a request that got no answer has no `data`. */
export function useErrorText(): (error: { data?: { code?: string } | null }) => string {
  const t = useTranslations('queryError');
  return useCallback(
    (error) => {
      if (!error.data) return t('codes.network');
      const code = explainedCodes.find((known) => known === error.data?.code);
      return t(`codes.${code ?? 'other'}`);
    },
    [t],
  );
}
