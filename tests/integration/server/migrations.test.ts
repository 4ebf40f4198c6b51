// Each server migration, on SQLite and PostgreSQL: build the schema before
// it, put data in, migrate, and check both the data and the new schema.
import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openStore, type Store } from '../../../server/db/database';
import { migrate, NewerSchemaError, schemaVersion } from '../../../server/db/migrate';
import { MIGRATIONS } from '../../../server/db/migrations';
import { ENGINES } from './services';
import { testEnv, type TestEnv } from './harness';

const opened: { store: Store; env: TestEnv }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.store.close();
    await o.env.cleanup();
  }
});

async function emptyStore(
  engine: (typeof ENGINES)[number],
): Promise<{ store: Store; raw: Kysely<unknown> }> {
  const env = testEnv(engine);
  const store = await openStore({
    dataDir: env.env.RONGMEI_DATA_DIR!,
    databaseUrl: env.env.DATABASE_URL,
    databaseSchema: env.env.DATABASE_SCHEMA,
    migrate: false,
  });
  opened.push({ store, env });
  return { store, raw: store.db as unknown as Kysely<unknown> };
}

const T0 = Date.UTC(2026, 10, 3, 8, 30);
const USER = '019a4a7e-0000-7000-8000-000000000001';
const DESK = '019a4a7e-0000-7000-8000-0000000000d1';
const STORY = '019a4a7e-0000-7000-8000-0000000000a1';

async function insertUser(raw: Kysely<unknown>, id = USER, login = 'wang.li') {
  await sql`INSERT INTO users (id, login, display_name, role, password_hash, created_at)
            VALUES (${id}, ${login}, '王立', 'reporter', 'scrypt$x', ${T0})`.execute(raw);
}

describe.each(ENGINES)('server migrations on %s', (engine) => {
  it('001 accounts: people, desks, membership, sessions with unique logins', async () => {
    const { store, raw } = await emptyStore(engine);
    expect(await migrate(raw, store.engine, { target: 1 })).toBe(1);
    await insertUser(raw);
    await sql`INSERT INTO desks (id, code, name, kind, created_at) VALUES (${DESK}, 'politics', '时政部', 'topic', ${T0})`.execute(
      raw,
    );
    await sql`INSERT INTO desk_members (desk_id, user_id, added_at) VALUES (${DESK}, ${USER}, ${T0})`.execute(
      raw,
    );
    await sql`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('h1', ${USER}, ${T0}, ${T0 + 1000})`.execute(
      raw,
    );
    await expect(
      insertUser(raw, '019a4a7e-0000-7000-8000-000000000002', 'wang.li'),
    ).rejects.toThrow();
    const s = await sql<{ expires_at: number }>`SELECT expires_at FROM sessions`.execute(raw);
    expect(Number(s.rows[0]!.expires_at)).toBe(T0 + 1000);
  });

  it('002 stories: keeps people, adds stories, shares and a feed counter at 0', async () => {
    const { store, raw } = await emptyStore(engine);
    await migrate(raw, store.engine, { target: 1 });
    await insertUser(raw);
    expect(await migrate(raw, store.engine, { target: 2 })).toBe(2);
    const users = await sql<{ login: string }>`SELECT login FROM users`.execute(raw);
    expect(users.rows.map((r) => r.login)).toEqual(['wang.li']);
    await sql`INSERT INTO stories (id, author_id, status, revision, priority, created_at, updated_at, seq)
              VALUES (${STORY}, ${USER}, 'draft', 0, 'normal', ${T0}, ${T0}, 1)`.execute(raw);
    const story = await sql<{
      keywords: string;
      headline: string;
    }>`SELECT keywords, headline FROM stories`.execute(raw);
    expect(story.rows[0]).toEqual({ keywords: '[]', headline: '' });
    const counter = await sql<{ seq: number }>`SELECT seq FROM feed_counter WHERE id = 1`.execute(
      raw,
    );
    expect(Number(counter.rows[0]!.seq)).toBe(0);
    // A story must name an author who exists.
    await expect(
      sql`INSERT INTO stories (id, author_id, status, revision, priority, created_at, updated_at, seq)
          VALUES ('019a4a7e-0000-7000-8000-0000000000a2', 'nobody', 'draft', 0, 'normal', 1, 1, 2)`.execute(
        raw,
      ),
    ).rejects.toThrow();
  });

  it('003 commands and events: numbered events with unique hashes', async () => {
    const { store, raw } = await emptyStore(engine);
    await migrate(raw, store.engine, { target: 2 });
    await insertUser(raw);
    expect(await migrate(raw, store.engine, { target: 3 })).toBe(3);
    await sql`INSERT INTO commands (id, user_id, type, story_id, request_hash, http_status, outcome, created_at)
              VALUES ('cmd-0000000000000001', ${USER}, 'story.file', ${STORY}, 'h', 200, '{}', ${T0})`.execute(
      raw,
    );
    for (const h of ['a', 'b'])
      await sql`INSERT INTO events (seq, story_id, actor_id, type, payload, at, prev_hash, hash)
                VALUES (1, ${STORY}, ${USER}, 'story.file', '{}', ${T0}, '0', ${h})`.execute(raw);
    const ev = await sql<{ id: number }>`SELECT id FROM events ORDER BY id`.execute(raw);
    expect(ev.rows.map((r) => Number(r.id))).toEqual([1, 2]);
    await expect(
      sql`INSERT INTO events (seq, story_id, actor_id, type, payload, at, prev_hash, hash)
          VALUES (1, ${STORY}, ${USER}, 'x', '{}', 1, '0', 'a')`.execute(raw),
    ).rejects.toThrow();
  });

  it('004 documents: update log keeps bytes exactly, snapshots per document', async () => {
    const { store, raw } = await emptyStore(engine);
    await migrate(raw, store.engine, { target: 3 });
    expect(await migrate(raw, store.engine, { target: 4 })).toBe(4);
    const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80, 0x00]);
    await sql`INSERT INTO doc_updates (doc_name, data, created_at) VALUES (${'story:' + STORY}, ${bytes}, ${T0})`.execute(
      raw,
    );
    const row = await sql<{
      id: number;
      data: Uint8Array;
    }>`SELECT id, data FROM doc_updates`.execute(raw);
    expect(Number(row.rows[0]!.id)).toBe(1);
    expect(Buffer.from(row.rows[0]!.data).equals(bytes)).toBe(true);
    await sql`INSERT INTO doc_snapshots (doc_name, state, up_to, updated_at) VALUES ('d', ${bytes}, 1, ${T0})`.execute(
      raw,
    );
    await expect(
      sql`INSERT INTO doc_snapshots (doc_name, state, up_to, updated_at) VALUES ('d', ${bytes}, 2, ${T0})`.execute(
        raw,
      ),
    ).rejects.toThrow();
  });

  it('runs each migration once, and refuses a schema newer than it knows', async () => {
    const { store, raw } = await emptyStore(engine);
    expect(await migrate(raw, store.engine)).toBe(MIGRATIONS.at(-1)!.version);
    expect(await migrate(raw, store.engine)).toBe(MIGRATIONS.at(-1)!.version);
    const n = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM schema_migrations`.execute(raw);
    expect(Number(n.rows[0]!.n)).toBe(MIGRATIONS.length);
    await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 1)`.execute(
      raw,
    );
    await expect(migrate(raw, store.engine)).rejects.toBeInstanceOf(NewerSchemaError);
    expect(await schemaVersion(raw)).toBe(99);
  });
});
