// Every schema change, in order. Append only: a shipped migration never changes.
import type { Migration } from './types';
import { migration001 } from './001-initial';

export const MIGRATIONS: readonly Migration[] = [migration001];
export type { Migration };
