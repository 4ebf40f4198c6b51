// Contract calls of the admin screen: people and desks on the newsroom
// server, through the host (which holds the session). Spread into `calls`.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { DeskSchema, PersonSchema } from '../domain/newsroom';
import {
  AdminDirectorySchema,
  CreateDeskSchema,
  CreateUserSchema,
  SetPasswordSchema,
  UpdateUserSchema,
} from '../sync/admin';

const Done = z.object({});
const Membership = z.object({ deskId: IdSchema, userId: IdSchema });

export const adminCalls = {
  'admin.directory': { input: z.object({}), output: AdminDirectorySchema },
  'admin.createUser': { input: CreateUserSchema, output: PersonSchema },
  'admin.updateUser': {
    input: z.object({ userId: IdSchema, change: UpdateUserSchema }),
    output: Done,
  },
  'admin.setPassword': { input: SetPasswordSchema.extend({ userId: IdSchema }), output: Done },
  'admin.createDesk': { input: CreateDeskSchema, output: DeskSchema },
  'admin.addMember': { input: Membership, output: Done },
  'admin.removeMember': { input: Membership, output: Done },
} as const;
