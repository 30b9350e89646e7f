import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { listCustomers } from './list-customers';

let handle: DatabaseHandle;
let workspaceId: string;

beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 2 });
  workspaceId = await createTestWorkspace(handle.db, 'Customer search');
  const add = (firstName: string, lastName: string, email: string, externalId: string) =>
    createTestCustomer(handle.db, workspaceId, { firstName, lastName, email, externalId });
  await add('Kenji', 'Tanaka', 'kenji@example.test', 'crm-1001');
  await add('Kenji', 'Sato', 'k.sato@example.test', 'crm-1002');
  await add('Ada', 'Lovelace', 'ada_100%@example.test', 'crm-2001');
  // Another workspace's Kenji Tanaka is never found.
  const other = await createTestWorkspace(handle.db, 'Other');
  await createTestCustomer(handle.db, other, { firstName: 'Kenji', lastName: 'Tanaka' });
});
afterAll(() => handle.close());

const found = async (search?: string) =>
  (await listCustomers(handle.db, workspaceId, { search, limit: 10 })).map(
    (c) => `${c.firstName} ${c.lastName}`,
  );

describe('customer search', () => {
  it('matches a full name in either order, every word somewhere', async () => {
    expect(await found('Kenji Tanaka')).toEqual(['Kenji Tanaka']);
    expect(await found('  tanaka   KENJI ')).toEqual(['Kenji Tanaka']);
    expect(await found('kenji')).toEqual(['Kenji Sato', 'Kenji Tanaka']);
    expect(await found('Kenji Lovelace')).toEqual([]);
  });

  it('matches the email and the external id, with % and _ taken literally', async () => {
    expect(await found('k.sato@')).toEqual(['Kenji Sato']);
    expect(await found('crm-2001')).toEqual(['Ada Lovelace']);
    expect(await found('100%')).toEqual(['Ada Lovelace']);
    expect(await found('a_1')).toEqual(['Ada Lovelace']);
    expect(await found('%')).toEqual(['Ada Lovelace']);
  });

  it('lists everyone without a search, by last name', async () => {
    expect(await found()).toEqual(['Ada Lovelace', 'Kenji Sato', 'Kenji Tanaka']);
    expect(await found('   ')).toEqual(['Ada Lovelace', 'Kenji Sato', 'Kenji Tanaka']);
  });
});
