import { z } from 'zod';
import { defineNode } from './define-node';

export const sendEmailConfig = z.object({
  templateId: z.string({ error: 'choose a template' }).min(1, 'choose a template'),
});

export const sendEmail = defineNode({
  type: 'send_email',
  kind: 'messaging',
  label: 'Send email',
  icon: '✉️',
  description: 'Sends an email template, rendered with the customer’s data and loyalty state.',
  configSchema: sendEmailConfig,
  defaultConfig: { templateId: '' },
  fields: [{ name: 'templateId', label: 'Template', input: 'template' }],
  outputs: () => ['next'],
  summary: (c) => (c.templateId ? 'Send email' : 'Choose a template'),
  references: (c) => [{ kind: 'template', id: c.templateId, field: 'templateId' }],
  action: (c) => ({ activity: 'sendEmail', args: { templateId: c.templateId } }),
});
