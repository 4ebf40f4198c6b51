// People and desks of the newsroom: the five roles and the desks people
// belong to. Used by the server's authorisation, the workflow rules and
// the app's admin screens.
import { z } from 'zod';
import { IdSchema } from './ids';

/** Ordered from least to most authority; `admin` manages accounts, it is not an editorial rank. */
export const ROLES = [
  'reporter',
  'channel_editor',
  'desk_head',
  'editor_in_chief',
  'admin',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
  reporter: { 'zh-CN': '记者', en: 'Reporter' },
  channel_editor: { 'zh-CN': '渠道编辑', en: 'Channel editor' },
  desk_head: { 'zh-CN': '部门主任', en: 'Desk head' },
  editor_in_chief: { 'zh-CN': '总编辑', en: 'Editor-in-chief' },
  admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
};

/** Channel desks make a channel's version (print, WeChat…); topic desks own a beat (时政, 农业农村…). */
export const DESK_KINDS = ['channel', 'topic'] as const;
export const DeskKindSchema = z.enum(DESK_KINDS);
export type DeskKind = z.infer<typeof DeskKindSchema>;

export const DeskCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and dashes, 2–40 long');

export const DeskSchema = z.object({
  id: IdSchema,
  code: DeskCodeSchema,
  name: z.string().trim().min(1).max(60),
  kind: DeskKindSchema,
});
export type Desk = z.infer<typeof DeskSchema>;

export const LoginNameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits and . _ @ -');

/** A person as other people see them. */
export const PersonSchema = z.object({
  id: IdSchema,
  login: z.string(),
  displayName: z.string(),
  role: RoleSchema,
});
export type Person = z.infer<typeof PersonSchema>;
