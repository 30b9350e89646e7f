import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from './client';
import { migrateDatabase } from './migrate';
import { customers, loyaltyAccounts, orders, rewards, segments, tiers } from './schema';
import { seedDemoData } from './seed';

// The seed only runs on an empty database, so this test makes one of its own.
let admin: postgres.Sql;
let database: DatabaseHandle;
const name = `seed_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

beforeAll(async () => {
  admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  database = connectDatabase(url.toString());
});

afterAll(async () => {
  await database?.close();
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.end();
});

describe('demo seed', () => {
  it('creates a program with tiers, rewards and order history, once', async () => {
    const { db } = database;
    const first = await seedDemoData(db);
    expect(first.seeded).toBe(true);
    expect((await seedDemoData(db)).seeded).toBe(false);

    expect((await db.select().from(tiers)).map((t) => t.name).sort()).toEqual(['Bronze', 'Gold', 'Silver']);
    expect(await db.select().from(rewards)).toHaveLength(5);
    expect(await db.select().from(orders)).toHaveLength(5);
    const balances = await db
      .select({
        externalId: customers.externalId,
        balance: loyaltyAccounts.balance,
        tierId: loyaltyAccounts.tierId,
      })
      .from(loyaltyAccounts)
      .innerJoin(customers, eq(customers.id, loyaltyAccounts.customerId));
    const byCustomer = Object.fromEntries(balances.map((b) => [b.externalId, b.balance]));
    // Sophie: 89 + (249 + 50 bonus) + (219 + 50 bonus) at Bronze ×1 → 657 (Silver from the third order).
    // Aroha: (1240 + 50) = 1290, then Silver ×1.25 of (399 + 50) = 561 → 1851.
    expect(byCustomer).toEqual({ 'shop-1008': 657, 'shop-1007': 1851 });
    const counts = await db.select({ name: segments.name, members: segments.memberCount }).from(segments);
    expect(Object.fromEntries(counts.map((c) => [c.name, c.members]))).toEqual({
      'Gold members': 1,
      'Newsletter subscribers': 7,
    });
    // Olivia stays untouched: the manual-adjustment spec starts from her zero balance.
    expect(byCustomer['shop-1005']).toBeUndefined();
  });
});
