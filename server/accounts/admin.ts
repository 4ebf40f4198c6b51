// What an administrator does to people beyond creating them: the whole
// directory with desks and sign-in state, renaming, changing a role,
// disabling (which also ends their sessions) and setting a new password.
// The newsroom always keeps at least one administrator who can sign in.
import type { Db } from '../db/database';
import type { AdminDirectory, UpdateUser } from '@shared/sync/admin';
import { RoleSchema } from '@shared/domain/newsroom';
import { hashPassword, type ScryptCost } from '../auth/passwords';
import { ApiError } from '../http/api-error';
import { allDesks, countAdmins } from './accounts';
import { storedReviewPlan } from '../workflow/directory';

export async function adminDirectory(db: Db): Promise<AdminDirectory> {
  const [users, members, desks, plans] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'login', 'display_name', 'role', 'disabled_at'])
      .orderBy('login')
      .execute(),
    db.selectFrom('desk_members').select(['desk_id', 'user_id']).execute(),
    allDesks(db),
    db.selectFrom('desks').select(['id', 'review_plan']).execute(),
  ]);
  const planOf = new Map(plans.map((p) => [p.id, storedReviewPlan(p.review_plan)]));
  const desksOf = new Map<string, string[]>();
  for (const m of members) desksOf.set(m.user_id, [...(desksOf.get(m.user_id) ?? []), m.desk_id]);
  return {
    people: users.map((u) => ({
      id: u.id,
      login: u.login,
      displayName: u.display_name,
      role: RoleSchema.parse(u.role),
      disabled: u.disabled_at !== null,
      deskIds: desksOf.get(u.id) ?? [],
    })),
    desks: desks.map((d) => ({
      ...d,
      reviewPlan: d.kind === 'channel' ? (planOf.get(d.id) ?? null) : null,
    })),
  };
}

async function endSessions(db: Db, userId: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function updateUser(
  db: Db,
  userId: string,
  change: UpdateUser,
  actorId: string,
  now = Date.now(),
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new ApiError('not_found', 'no such person');
  const losesAdmin =
    user.role === 'admin' &&
    user.disabled_at === null &&
    ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin && (await countAdmins(db)) <= 1)
    throw new ApiError('conflict', 'the newsroom needs at least one administrator', {
      reason: 'last_admin',
    });
  if (change.disabled === true && userId === actorId)
    throw new ApiError('conflict', 'you cannot disable your own account', { reason: 'self' });
  await db
    .updateTable('users')
    .set({
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.disabled !== undefined ? { disabled_at: change.disabled ? now : null } : {}),
    })
    .where('id', '=', userId)
    .execute();
  // A new role or a disabled account takes effect now, not when the old session expires.
  if (change.disabled === true || change.role !== undefined) await endSessions(db, userId, now);
}

export async function setPassword(
  db: Db,
  userId: string,
  password: string,
  cost: ScryptCost,
  now = Date.now(),
): Promise<void> {
  const hash = await hashPassword(password, cost);
  const r = await db
    .updateTable('users')
    .set({ password_hash: hash })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new ApiError('not_found', 'no such person');
  await endSessions(db, userId, now);
}
