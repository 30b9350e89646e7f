import { starterTemplates } from '../../emails/starter-templates';
import type { Executor } from '../client';
import { newId } from '../ids';
import { emailTemplates, emailTemplateVariants } from '../schema';

/** Copies the starter templates, with their language variants, into a new workspace. */
export async function insertStarterTemplates(db: Executor, workspaceId: string): Promise<void> {
  for (const starter of starterTemplates) {
    const templateId = newId('tpl');
    await db.insert(emailTemplates).values({
      id: templateId,
      workspaceId,
      name: starter.name,
      subject: starter.subject,
      mjml: starter.mjml,
      locale: starter.locale,
    });
    const variants = Object.entries(starter.variants);
    if (variants.length > 0) {
      await db.insert(emailTemplateVariants).values(
        variants.map(([locale, variant]) => ({
          id: newId('tplv'),
          workspaceId,
          templateId,
          locale,
          ...variant,
        })),
      );
    }
  }
}
