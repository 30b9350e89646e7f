'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { useTRPC } from '../../_trpc/react';

/**
 * A small picture of the chosen template under the picker: its draft rendered with a
 * sample profile by the studio's own preview (nothing written), shown scaled down in a
 * sandboxed frame, so a marketer sees which email this is without opening the studio.
 */
export function TemplateThumbnail({ templateId }: { templateId: string }) {
  const t = useTranslations('configPanel');
  const trpc = useTRPC();
  const template = useQuery(trpc.templates.get.queryOptions({ id: templateId }, { staleTime: 60_000 }));
  const preview = useMutation(trpc.templates.preview.mutationOptions());
  const { mutate } = preview;
  const content = template.data;
  useEffect(() => {
    if (!content) return;
    mutate({
      templateId,
      subject: content.subject,
      preheader: content.preheader,
      mjml: content.mjml,
    });
  }, [content, templateId, mutate]);
  const html = preview.data?.html;
  if (!html) return null;
  return (
    <div className="template-thumbnail" data-testid="template-thumbnail">
      <iframe title={t('thumbnail', { name: content?.name ?? '' })} sandbox="" srcDoc={html} tabIndex={-1} />
    </div>
  );
}
