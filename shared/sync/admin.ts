// Account and desk management requests (admin only).
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import {
  DeskCodeSchema,
  DeskKindSchema,
  DeskSchema,
  LoginNameSchema,
  PersonSchema,
  RoleSchema,
} from '../domain/newsroom';
import { PasswordSchema } from './auth';
import { ReviewPlanSchema } from '../workflow/review-plan';

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

/** A change to a person: any of their name, role, or whether they may sign in. */
export const UpdateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(60).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), 'nothing to change');
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

export const SetPasswordSchema = z.object({ password: PasswordSchema });

/** A person as an administrator sees them: with their desks and whether they can sign in. */
export const AdminPersonSchema = PersonSchema.extend({
  disabled: z.boolean(),
  deskIds: z.array(IdSchema),
});
export type AdminPerson = z.infer<typeof AdminPersonSchema>;

/** A desk as an administrator sees it: with its own review chain (channel desks; null = the default). */
export const AdminDeskSchema = DeskSchema.extend({ reviewPlan: ReviewPlanSchema.nullable() });
export type AdminDesk = z.infer<typeof AdminDeskSchema>;

export const AdminDirectorySchema = z.object({
  people: z.array(AdminPersonSchema),
  desks: z.array(AdminDeskSchema),
});
export type AdminDirectory = z.infer<typeof AdminDirectorySchema>;
