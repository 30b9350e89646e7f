import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { emailTemplates, journeys, rewards, segments, tiers } from '../../db/schema';
import { seedDemoData } from '../../db/seed';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { refusal, testCaller } from '../../scripts/test/trpc-caller';
import { galleryKeys } from '../../workflows/journey/gallery';

// The demo seed only runs on an empty database, so this file seeds one of its own.
let admin: postgres.Sql;
let database: DatabaseHandle;
let demoWorkspaceId: string;
const name = `gallery_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

beforeAll(async () => {
  admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  database = connectDatabase(url.toString());
  const seeded = await seedDemoData(database.db);
  demoWorkspaceId = seeded.workspaceId!;
});

afterAll(async () => {
  await database?.close();
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.end();
});

describe('journeys.gallery and journeys.createFromGallery', () => {
  it('lists the seven gallery journeys with message keys and their steps top-down', async () => {
    const list = await testCaller(database.db, demoWorkspaceId, { role: 'analyst' }).journeys.gallery();
    expect(list.map((entry) => entry.key)).toEqual([...galleryKeys]);
    expect(list[0]).toEqual({
      key: 'birthday_bonus',
      nameKey: 'journeys.birthday_bonus.name',
      descriptionKey: 'journeys.birthday_bonus.description',
      steps: ['trigger_birthday', 'award_points', 'send_email'],
    });
  });

  it.each(galleryKeys)(
    'creates %s as a draft in the demo workspace that publishes with no errors',
    async (key) => {
      const { db } = database;
      const api = testCaller(db, demoWorkspaceId, { role: 'marketer' });

      const created = await api.journeys.createFromGallery({ key, name: `Gallery ${key}` });
      expect(created.unresolved).toEqual([]);
      const [row] = await db.select().from(journeys).where(eq(journeys.id, created.id));
      expect(row).toMatchObject({ workspaceId: demoWorkspaceId, status: 'draft', name: `Gallery ${key}` });

      // The publish path compiles with the workspace's templates, rewards, tiers and segments.
      // Without Temporal here, a journey with a schedule goes live with a trigger warning.
      const published = await api.journeys.publish({ id: created.id, graph: row!.draftGraph });
      expect(published.ok ? [] : published.errors).toEqual([]);
      expect(published).toMatchObject({ ok: true, version: 1 });
    },
  );

  it('points at the workspace starter template and top tier, and creates a missing reward and segment once', async () => {
    const { db } = database;
    const api = testCaller(db, demoWorkspaceId, { role: 'marketer' });
    const [birthday] = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, demoWorkspaceId), eq(emailTemplates.starterKey, 'birthday')));
    const first = await api.journeys.createFromGallery({ key: 'birthday_bonus', name: 'Birthday' });
    const [journey] = await db.select().from(journeys).where(eq(journeys.id, first.id));
    expect(journey!.draftGraph.nodes.find((node) => node.type === 'send_email')?.data).toEqual({
      templateId: birthday!.id,
    });
    expect(journey!.settings).toEqual({ reentry: 'once_per_period', reentryPeriod: 'year' });

    const vip = await api.journeys.createFromGallery({ key: 'vip_early_access', name: 'VIP' });
    const [gold] = await db
      .select({ id: tiers.id })
      .from(tiers)
      .where(and(eq(tiers.workspaceId, demoWorkspaceId), eq(tiers.name, 'Gold')));
    const [vipJourney] = await db.select().from(journeys).where(eq(journeys.id, vip.id));
    expect(
      vipJourney!.draftGraph.nodes.find((node) => node.type === 'loyalty_condition')?.data,
    ).toMatchObject({
      minTierId: gold!.id,
    });
    // The earlier test created them; the same names are reused, never duplicated.
    expect(vip.createdRewards).toEqual([]);
    const vipRewards = await db
      .select({ minTierId: rewards.minTierId, pointsCost: rewards.pointsCost })
      .from(rewards)
      .where(and(eq(rewards.workspaceId, demoWorkspaceId), eq(rewards.name, 'VIP early access 15 % off')));
    expect(vipRewards).toEqual([{ minTierId: gold!.id, pointsCost: 0 }]);
    const lapsed = await db
      .select({ id: segments.id })
      .from(segments)
      .where(and(eq(segments.workspaceId, demoWorkspaceId), eq(segments.name, 'Lapsed 90 days')));
    expect(lapsed).toHaveLength(1);
  });

  it('creates missing rewards and segments in a workspace without them, and leaves absent tiers empty', async () => {
    const { db } = database;
    const workspaceId = await createTestWorkspace(db, 'Bare shop');
    const api = testCaller(db, workspaceId, { role: 'admin' });

    const welcome = await api.journeys.createFromGallery({ key: 'welcome_series', name: 'Welcome' });
    expect(welcome.createdRewards).toEqual(['Welcome 10 % off']);
    // No starter templates in a bare test workspace: the send steps wait for the marketer.
    expect(welcome.unresolved).toEqual(['welcome.templateId', 'code_email.templateId']);

    const winBack = await api.journeys.createFromGallery({ key: 'win_back', name: 'Win-back' });
    expect(winBack.createdSegments).toEqual(['Lapsed 90 days']);

    const vip = await api.journeys.createFromGallery({ key: 'vip_early_access', name: 'VIP' });
    expect(vip.unresolved).toContain('top_tier.minTierId');
  });

  it('is for marketers and admins, and refuses unknown gallery keys', async () => {
    const analyst = testCaller(database.db, demoWorkspaceId, { role: 'analyst' });
    expect(await refusal(analyst.journeys.createFromGallery({ key: 'birthday_bonus', name: 'x' }))).toEqual({
      code: 'FORBIDDEN',
      paths: [],
    });
    const marketer = testCaller(database.db, demoWorkspaceId, { role: 'marketer' });
    expect(
      await refusal(marketer.journeys.createFromGallery({ key: 'nope' as 'birthday_bonus', name: 'x' })),
    ).toEqual({ code: 'BAD_REQUEST', paths: ['key'] });
  });
});
