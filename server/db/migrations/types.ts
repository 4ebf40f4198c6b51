// One numbered schema change, written once for both engines through kysely's
// schema builder; `t` names the column types that differ between them.
import type { Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

export interface ColumnTypes {
  /** Epoch milliseconds and counters beyond 2^31. */
  bigint: 'bigint' | 'integer';
  blob: 'bytea' | 'blob';
  /** An auto-numbered primary key column type. */
  serial: 'bigserial' | 'integer';
}

export function columnTypes(engine: Engine): ColumnTypes {
  return engine === 'postgres'
    ? { bigint: 'bigint', blob: 'bytea', serial: 'bigserial' }
    : { bigint: 'integer', blob: 'blob', serial: 'integer' };
}

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>, engine: Engine, t: ColumnTypes): Promise<void>;
}
