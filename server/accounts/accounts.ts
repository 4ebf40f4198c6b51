// People and desks in the database: creating them (admin API and the
// first-run CLI), looking them up for sign-in and authorisation.
import type { Db } from '../db/database';
import type { UsersTable } from '../db/schema';
import { newId } from '@shared/domain/ids';
import {
  RoleSchema,
  type Desk,
  type DeskKind,
  type Person,
  type Role,
} from '@shared/domain/newsroom';
import { hashPassword, type ScryptCost } from '../auth/passwords';
import { ApiError } from '../http/api-error';

export function toPerson(u: Pick<UsersTable, 'id' | 'login' | 'display_name' | 'role'>): Person {
  return { id: u.id, login: u.login, displayName: u.display_name, role: RoleSchema.parse(u.role) };
}

export interface NewUser {
  login: string;
  displayName: string;
  role: Role;
  password: string;
  deskIds?: readonly string[];
}

export async function createUser(
  db: Db,
  input: NewUser,
  cost: ScryptCost,
  now = Date.now(),
): Promise<Person> {
  const passwordHash = await hashPassword(input.password, cost);
  const id = newId();
  try {
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('users')
        .values({
          id,
          login: input.login,
          display_name: input.displayName,
          role: input.role,
          password_hash: passwordHash,
          created_at: now,
          disabled_at: null,
        })
        .execute();
      for (const deskId of input.deskIds ?? []) {
        await tx
          .insertInto('desk_members')
          .values({ desk_id: deskId, user_id: id, added_at: now })
          .execute();
      }
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new ApiError('conflict', 'login already taken', { login: input.login });
    if (isForeignKeyViolation(err)) throw new ApiError('not_found', 'no such desk');
    throw err;
  }
  return { id, login: input.login, displayName: input.displayName, role: input.role };
}

export async function createDesk(
  db: Db,
  input: { code: string; name: string; kind: DeskKind },
  now = Date.now(),
): Promise<Desk> {
  const desk: Desk = { id: newId(), ...input };
  try {
    await db
      .insertInto('desks')
      .values({ id: desk.id, code: desk.code, name: desk.name, kind: desk.kind, created_at: now })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new ApiError('conflict', 'desk code already taken', { code: input.code });
    throw err;
  }
  return desk;
}

export async function addDeskMembers(
  db: Db,
  deskId: string,
  userIds: readonly string[],
  now = Date.now(),
): Promise<void> {
  try {
    await db.transaction().execute(async (tx) => {
      for (const userId of userIds)
        await tx
          .insertInto('desk_members')
          .values({ desk_id: deskId, user_id: userId, added_at: now })
          .onConflict((oc) => oc.columns(['desk_id', 'user_id']).doNothing())
          .execute();
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new ApiError('not_found', 'no such desk or person');
    throw err;
  }
}

export async function removeDeskMember(db: Db, deskId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('desk_members')
    .where('desk_id', '=', deskId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deskIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('desk_members')
    .select('desk_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.desk_id);
}

function toDesk(r: { id: string; code: string; name: string; kind: string }): Desk {
  return { id: r.id, code: r.code, name: r.name, kind: r.kind as DeskKind };
}

export async function desksOf(db: Db, userId: string): Promise<Desk[]> {
  const rows = await db
    .selectFrom('desks')
    .innerJoin('desk_members', 'desk_members.desk_id', 'desks.id')
    .select(['desks.id', 'desks.code', 'desks.name', 'desks.kind'])
    .where('desk_members.user_id', '=', userId)
    .orderBy('desks.code')
    .execute();
  return rows.map(toDesk);
}

export async function allDesks(db: Db): Promise<Desk[]> {
  const rows = await db
    .selectFrom('desks')
    .select(['id', 'code', 'name', 'kind'])
    .orderBy('code')
    .execute();
  return rows.map(toDesk);
}

export async function allPeople(db: Db): Promise<Person[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'login', 'display_name', 'role'])
    .where('disabled_at', 'is', null)
    .orderBy('login')
    .execute();
  return rows.map(toPerson);
}

export async function countAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
