// Administration of people beyond creating them (the admin screen): the
// directory, a change of name/role/sign-in, a new password. Registered inside
// the admin-only scope of routes.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '@shared/domain/ids';
import { SetPasswordSchema, UpdateUserSchema } from '@shared/sync/admin';
import { adminDirectory, setPassword, updateUser } from '../accounts/admin';
import { ApiError } from './api-error';
import { parse } from './routes';
import type { AppDeps } from './deps';

function actorId(req: FastifyRequest): string {
  if (!req.principal) throw new ApiError('unauthorized', 'sign in first');
  return req.principal.person.id;
}

export function registerPeopleAdmin(admin: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  admin.get('/v1/admin/directory', async () => adminDirectory(db));
  admin.patch('/v1/admin/users/:id', async (req) => {
    const { id } = parse(z.object({ id: IdSchema }), req.params);
    await updateUser(db, id, parse(UpdateUserSchema, req.body), actorId(req), deps.now());
    return { ok: true };
  });
  admin.put('/v1/admin/users/:id/password', async (req) => {
    const { id } = parse(z.object({ id: IdSchema }), req.params);
    const { password } = parse(SetPasswordSchema, req.body);
    await setPassword(db, id, password, config.passwordCost, deps.now());
    return { ok: true };
  });
}
