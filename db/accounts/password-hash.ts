import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane): ≈25 ms on this
 * machine's cores, slow enough to make a stolen hash expensive, fast enough for sign-in.
 * The parameters travel inside the encoded hash, so raising them later still verifies
 * every stored password.
 */
const options = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable here) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(data: { hash: string; password: string }): Promise<boolean> {
  // A hash in another format (say, a future import) is a failed sign-in, never a crash.
  if (!data.hash.startsWith('$argon2')) return false;
  return verify(data.hash, data.password);
}
