// Password hashing with scrypt (memory-hard, in Node's own crypto, nothing to
// compile). The parameters travel inside the stored hash, so they can be
// raised later and old hashes still verify.
import crypto from 'node:crypto';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation: 128 MiB and ≈ 0.3 s a hash on one core here. */
export const STRONG_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_LEN = 32;
const SALT_LEN = 16;

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LEN,
      { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(
  password: string,
  cost: ScryptCost = STRONG_COST,
): Promise<string> {
  const salt = crypto.randomBytes(SALT_LEN);
  const key = await scrypt(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(password, salt, { N, r, p });
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

let dummy: Promise<string> | null = null;

/** Spends the time a real check would when the login does not exist, so timing does not tell. */
export async function verifyNobody(password: string, cost: ScryptCost): Promise<false> {
  dummy ??= hashPassword('not-a-real-password', cost);
  await verifyPassword(password, await dummy);
  return false;
}
