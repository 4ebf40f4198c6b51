// Bearer tokens: 32 random bytes given to the client once; the database keeps
// only their SHA-256, with an expiry the server checks on every request and
// every document connection.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { toPerson, deskIdsOf } from '../accounts/accounts';
import type { Person } from '@shared/domain/newsroom';

export interface Principal {
  person: Person;
  deskIds: string[];
  /** Belongs to a channel desk: sees every filed story, to claim its channel's version (一稿多签). */
  channelDesk: boolean;
  tokenHash: string;
  expiresAt: number;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  userId: string,
  ttlMs: number,
  device: string | null,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = now + ttlMs;
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      device,
    })
    .execute();
  return { token, expiresAt };
}

/** The signed-in person behind a token, or null when the token is unknown, expired, revoked or its user disabled. */
export async function authenticate(
  db: Db,
  token: string,
  now = Date.now(),
): Promise<Principal | null> {
  if (!/^[A-Za-z0-9_-]{32,100}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.login',
      'users.display_name',
      'users.role',
      'users.disabled_at',
      'sessions.expires_at',
      'sessions.revoked_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null || row.expires_at <= now)
    return null;
  const channel = await db
    .selectFrom('desk_members')
    .innerJoin('desks', 'desks.id', 'desk_members.desk_id')
    .select('desks.id')
    .where('desk_members.user_id', '=', row.id)
    .where('desks.kind', '=', 'channel')
    .executeTakeFirst();
  return {
    person: toPerson(row),
    deskIds: await deskIdsOf(db, row.id),
    channelDesk: !!channel,
    tokenHash,
    expiresAt: row.expires_at,
  };
}

export async function revokeSession(db: Db, tokenHash: string, now = Date.now()): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Whether a session is still good; checked now and then for open document sockets. */
export async function sessionAlive(db: Db, tokenHash: string, now = Date.now()): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.expires_at', 'sessions.revoked_at', 'users.disabled_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return !!row && row.revoked_at === null && row.disabled_at === null && row.expires_at > now;
}
