// Who may act on a story: newsroom roles, the people who hold them, and the
// scheduler/publisher that acts on behalf of the newsroom.
import { z } from 'zod';
import type { Localized } from '../domain/localized';
import { ROLES, ROLE_LABELS, RoleSchema, type Role } from '../domain/newsroom';

// One definition of the roles (shared/domain/newsroom.ts), used by the server's accounts and here.
export { ROLES, RoleSchema, type Role };
export const ROLE_NAMES: Record<Role, Localized> = ROLE_LABELS;

/**
 * Editorial seniority. A review step names the least senior role that may
 * sign it; a more senior editor may sign it too. Admin is IT, not an editor:
 * rank 0, so it never signs or publishes (it may reassign work).
 */
export const EDITORIAL_RANK: Record<Role, number> = {
  admin: 0,
  reporter: 1,
  channel_editor: 2,
  desk_head: 3,
  editor_in_chief: 4,
};

export const UserIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'not a user id')
  .refine((s) => s !== 'system', 'reserved user id');
export type UserId = z.infer<typeof UserIdSchema>;

export const DeskIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'not a desk id');
export type DeskId = z.infer<typeof DeskIdSchema>;

export const PersonActorSchema = z.object({
  kind: z.literal('person'),
  userId: UserIdSchema,
  roles: z.array(RoleSchema).min(1),
  desks: z.array(DeskIdSchema),
});
export type PersonActor = z.infer<typeof PersonActorSchema>;

/** The server's scheduler (publishes what was scheduled) and publisher (records deliveries). */
export const SystemActorSchema = z.object({
  kind: z.literal('system'),
  name: z.enum(['scheduler', 'publisher']),
});
export type SystemActor = z.infer<typeof SystemActorSchema>;

export const ActorSchema = z.discriminatedUnion('kind', [PersonActorSchema, SystemActorSchema]);
export type Actor = z.infer<typeof ActorSchema>;

/** How an actor is written into an event: enough to say who did it, never their whole profile. */
export const ActorRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), userId: UserIdSchema }),
  z.object({ kind: z.literal('system'), name: z.enum(['scheduler', 'publisher']) }),
]);
export type ActorRef = z.infer<typeof ActorRefSchema>;

export function actorRef(actor: Actor): ActorRef {
  return actor.kind === 'person'
    ? { kind: 'person', userId: actor.userId }
    : { kind: 'system', name: actor.name };
}

export function actorKey(ref: ActorRef): string {
  return ref.kind === 'person' ? ref.userId : `system:${ref.name}`;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind === 'person' && actor.roles.includes(role);
}

/** Highest editorial rank the actor holds (0 for admins and the system). */
export function rankOf(actor: Actor): number {
  if (actor.kind !== 'person') return 0;
  let best = 0;
  for (const r of actor.roles) best = Math.max(best, EDITORIAL_RANK[r]);
  return best;
}

export function inDesk(actor: Actor, desk: DeskId): boolean {
  return actor.kind === 'person' && actor.desks.includes(desk);
}

/** A desk head of this particular desk (heads of other desks have no say here). */
export function isHeadOf(actor: Actor, desk: DeskId): boolean {
  return hasRole(actor, 'desk_head') && inDesk(actor, desk);
}
