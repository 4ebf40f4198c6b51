// Every schema change, in order. Append only: a shipped migration never changes.
import { migration001 } from './001-accounts';
import { migration002 } from './002-stories';
import { migration003 } from './003-commands-events';
import { migration004 } from './004-documents';
import { migration005 } from './005-workflow';
import { migration006 } from './006-assets';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];
export type { Migration };
