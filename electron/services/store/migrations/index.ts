// Every schema change, in order. Append only: a shipped migration never changes.
import type { Migration } from './types';
import { migration001 } from './001-initial';
import { migration002 } from './002-short-term-index';
import { migration003 } from './003-sync';
import { migration004 } from './004-variants';
import { migration005 } from './005-assets';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
];
export type { Migration };
