// Verifies an audit log exported as NDJSON (one entry per line), or the
// newsroom server's own log straight from its database:
//   npx tsx scripts/audit-verify.ts audit.ndjson [--head <sha256>] [--lang en|zh-CN]
//   npx tsx scripts/audit-verify.ts --db <server sqlite file> [--head …] [--lang …]
//   DATABASE_URL=postgres://… [DATABASE_SCHEMA=…] npx tsx scripts/audit-verify.ts --db-url
// Exit code 0: the chain is intact; 1: it is broken (the first broken entry
// is named); 2: the file or database could not be read or the arguments are wrong.
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { parseNdjson, verifyChain, type AuditEntry } from '../shared/audit/index';
import { openStore, type Db } from '../server/db/database';
import type { Schema } from '../server/db/schema';
import { auditEntries } from '../server/workflow/workflow-store';

export interface VerifyRun {
  exitCode: 0 | 1 | 2;
  output: string;
}

const USAGE = 'usage: audit-verify <file.ndjson | -> [--head <sha256>] [--lang en|zh-CN]';

export function verifyAuditText(
  text: string,
  options: { head?: string; lang?: 'en' | 'zh-CN' } = {},
): VerifyRun {
  const lang = options.lang ?? 'zh-CN';
  const { values, errors } = parseNdjson(text);
  if (errors.length > 0) {
    const e = errors[0]!;
    const msg =
      lang === 'en'
        ? `line ${e.line} is not JSON: ${e.message}`
        : `第${e.line}行不是有效的JSON：${e.message}`;
    return { exitCode: 1, output: msg };
  }
  return verifyEntries(values, options, 'line');
}

/** Checks entries already read; `unit` says how the first broken one is named (line of a file, entry of a database). */
export function verifyEntries(
  values: readonly unknown[],
  options: { head?: string; lang?: 'en' | 'zh-CN' } = {},
  unit: 'line' | 'entry' = 'entry',
): VerifyRun {
  const lang = options.lang ?? 'zh-CN';
  const result = verifyChain(values, options.head ? { expectedHead: options.head } : {});
  if (result.ok) {
    const msg =
      lang === 'en'
        ? `OK: ${result.count} entries, chain intact, head ${result.head}`
        : `通过：共${result.count}条记录，日志链完整，末尾哈希 ${result.head}`;
    return { exitCode: 0, output: msg };
  }
  const n = result.index + 1;
  const where =
    unit === 'line'
      ? lang === 'en'
        ? `line ${n}`
        : `第${n}行`
      : lang === 'en'
        ? `entry ${n}`
        : `第${n}条`;
  return {
    exitCode: 1,
    output: `${lang === 'en' ? 'BROKEN' : '未通过'}（${where}）：${result.message[lang]}`,
  };
}

export function main(argv: readonly string[], read: (path: string) => string): VerifyRun {
  let file: string | undefined;
  let head: string | undefined;
  let lang: 'en' | 'zh-CN' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--head') head = argv[++i];
    else if (a === '--lang') {
      const l = argv[++i];
      if (l !== 'en' && l !== 'zh-CN') return { exitCode: 2, output: USAGE };
      lang = l;
    } else if (!file) file = a;
    else return { exitCode: 2, output: USAGE };
  }
  if (!file || (head !== undefined && !/^[0-9a-f]{64}$/.test(head)))
    return { exitCode: 2, output: USAGE };
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    return { exitCode: 2, output: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return verifyAuditText(text, { ...(head ? { head } : {}), ...(lang ? { lang } : {}) });
}

/** The server's audit log, read from its SQLite file (read-only) or its PostgreSQL database. */
export async function readServerAudit(
  source: { sqliteFile: string } | { databaseUrl: string; schema?: string },
): Promise<AuditEntry[]> {
  if ('sqliteFile' in source) {
    const database = new Database(source.sqliteFile, { readonly: true, fileMustExist: true });
    const db: Db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
    try {
      return await auditEntries(db);
    } finally {
      await db.destroy();
    }
  }
  const store = await openStore({
    dataDir: os.tmpdir(),
    databaseUrl: source.databaseUrl,
    databaseSchema: source.schema,
    migrate: false,
  });
  try {
    return await auditEntries(store.db);
  } finally {
    await store.close();
  }
}

/** `--db <file>` or `--db-url` (DATABASE_URL, DATABASE_SCHEMA): verifies the server's log in place. */
export async function mainDb(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<VerifyRun | null> {
  const i = argv.findIndex((a) => a === '--db' || a === '--db-url');
  if (i < 0) return null;
  let head: string | undefined;
  let lang: 'en' | 'zh-CN' | undefined;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--head') head = argv[++k];
    else if (argv[k] === '--lang') {
      const l = argv[++k];
      if (l !== 'en' && l !== 'zh-CN') return { exitCode: 2, output: DB_USAGE };
      lang = l;
    }
  }
  if (head !== undefined && !/^[0-9a-f]{64}$/.test(head)) return { exitCode: 2, output: DB_USAGE };
  let source: Parameters<typeof readServerAudit>[0];
  if (argv[i] === '--db') {
    const file = argv[i + 1];
    if (!file || file.startsWith('--')) return { exitCode: 2, output: DB_USAGE };
    source = { sqliteFile: file };
  } else {
    const url = env.DATABASE_URL;
    if (!url) return { exitCode: 2, output: `DATABASE_URL is not set\n${DB_USAGE}` };
    source = { databaseUrl: url, ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}) };
  }
  let entries: AuditEntry[];
  try {
    entries = await readServerAudit(source);
  } catch (e) {
    return {
      exitCode: 2,
      output: `cannot read the audit log: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  return verifyEntries(entries, { ...(head ? { head } : {}), ...(lang ? { lang } : {}) }, 'entry');
}

const DB_USAGE =
  'usage: audit-verify --db <rongmei-server.db> | --db-url (DATABASE_URL, DATABASE_SCHEMA) [--head <sha256>] [--lang en|zh-CN]';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  void (async () => {
    const run =
      (await mainDb(argv, process.env)) ??
      main(argv, (p) => fs.readFileSync(p === '-' ? 0 : p, 'utf8'));
    (run.exitCode === 0 ? console.log : console.error)(run.output);
    process.exitCode = run.exitCode;
  })();
}
