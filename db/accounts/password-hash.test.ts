import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash';

describe('password hashing', () => {
  it('stores argon2id with the parameters in the hash, and verifies only the same password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword({ hash: stored, password: 'correct horse battery staple' })).toBe(true);
    expect(await verifyPassword({ hash: stored, password: 'correct horse battery stapl' })).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses a hash that is not argon2', async () => {
    expect(await verifyPassword({ hash: 'scrypt:abc', password: 'x' })).toBe(false);
  });
});
