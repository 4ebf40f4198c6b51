// Sign-in and the signed-in person, as they cross the wire. The token goes
// in `Authorization: Bearer <token>` on HTTP and as the Hocuspocus
// provider's `token` on the document socket.
import { z } from 'zod';
import { DeskSchema, LoginNameSchema, PersonSchema } from '../domain/newsroom';

/** Long enough for a pass phrase, short enough that hashing it is no attack on the server. */
export const PasswordSchema = z.string().min(10).max(256);

export const LoginRequestSchema = z.object({
  login: LoginNameSchema,
  password: z.string().min(1).max(256),
  /** Shown in the list of sessions, e.g. "Rongmei 0.3 · Windows 11". */
  device: z.string().trim().max(120).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionSchema = z.object({
  token: z.string().min(32),
  expiresAt: z.iso.datetime(),
  person: PersonSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const MeSchema = z.object({
  person: PersonSchema,
  desks: z.array(DeskSchema),
  sessionExpiresAt: z.iso.datetime(),
});
export type Me = z.infer<typeof MeSchema>;
