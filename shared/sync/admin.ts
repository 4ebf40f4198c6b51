// Account and desk management requests (admin only).
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { DeskCodeSchema, DeskKindSchema, LoginNameSchema, RoleSchema } from '../domain/newsroom';
import { PasswordSchema } from './auth';

export const CreateUserSchema = z.object({
  login: LoginNameSchema,
  displayName: z.string().trim().min(1).max(60),
  role: RoleSchema,
  password: PasswordSchema,
  deskIds: z.array(IdSchema).max(50).default([]),
});
export type CreateUser = z.input<typeof CreateUserSchema>;

export const CreateDeskSchema = z.object({
  code: DeskCodeSchema,
  name: z.string().trim().min(1).max(60),
  kind: DeskKindSchema,
});
export type CreateDesk = z.infer<typeof CreateDeskSchema>;

export const DeskMembersSchema = z.object({ userIds: z.array(IdSchema).max(500) });
export type DeskMembers = z.infer<typeof DeskMembersSchema>;
