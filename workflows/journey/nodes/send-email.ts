import { z } from 'zod';
import { defineNode } from './define-node';

export const sendEmailConfig = z.object({
  templateId: z.string({ error: 'choose a template' }).min(1, 'choose a template'),
});

export const sendEmail = defineNode({
  type: 'send_email',
  kind: 'messaging',
  label: 'Send email',
  configSchema: sendEmailConfig,
  defaultConfig: { templateId: '' },
  fields: [{ name: 'templateId', input: 'template' }],
  outputs: () => ['next'],
  // The canvas adds the chosen template's name, which only the workspace knows.
  summaryValues: () => ({}),
  references: (c) => [{ kind: 'template', id: c.templateId, field: 'templateId' }],
  action: (c) => ({ activity: 'sendEmail', args: { templateId: c.templateId } }),
});
