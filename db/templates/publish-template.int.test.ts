import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { emailTemplates, emailTemplateVersions } from '../schema';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { TemplateInputError } from './errors';
import { publishTemplate } from './publish-template';
import { createTemplate } from './save-template';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 8 });
});
afterAll(() => handle.close());

describe('publishTemplate', () => {
  it('makes one new version of a draft, however many publishers race', async () => {
    const db = handle.db;
    const workspaceId = await createTestWorkspace(db);
    const { id: templateId } = await createTemplate(db, { workspaceId, name: 'Raced' });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => publishTemplate(db, { workspaceId, templateId })),
    );
    expect(results.filter((r) => r.created)).toEqual([{ version: 1, created: true }]);
    expect(results.every((r) => r.version === 1)).toBe(true);
    const versions = await db
      .select()
      .from(emailTemplateVersions)
      .where(
        and(
          eq(emailTemplateVersions.workspaceId, workspaceId),
          eq(emailTemplateVersions.templateId, templateId),
        ),
      );
    expect(versions).toHaveLength(1);
  });

  it('checks the draft again and publishes nothing when it is broken', async () => {
    const db = handle.db;
    const workspaceId = await createTestWorkspace(db);
    const { id: templateId } = await createTemplate(db, { workspaceId, name: 'Broken later' });
    // A draft written around the checks (an import, an old row): publishing must still refuse it.
    await db
      .update(emailTemplates)
      .set({
        mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>{{ x | nope }}</mj-text></mj-column></mj-section></mj-body></mjml>',
      })
      .where(eq(emailTemplates.id, templateId));
    const error = await publishTemplate(db, { workspaceId, templateId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateInputError);
    expect((error as TemplateInputError).issues.map((i) => i.field)).toEqual(['mjml', 'mjml']);
    const [template] = await db.select().from(emailTemplates).where(eq(emailTemplates.id, templateId));
    expect(template?.liveVersion).toBeNull();
  });
});
