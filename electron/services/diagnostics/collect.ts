// "Collect diagnostics": one zip a person can send to IT, holding the log
// files and the facts IT asks first — versions of the app, Electron, Node,
// the OS and SQLite, the schema version, the settings, the updater's state.
// Never the database, its key, story text or anyone's token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Db } from '../store/database';
import { schemaVersion } from '../store/migrate';

export interface DiagnosticsFacts {
  app: { version: string; host: 'electron' | 'web' };
  /** Settings as the host keeps them (they hold no secrets: language and the like). */
  settings: unknown;
  updates: unknown;
  storage: unknown;
  notices: Array<{ kind: string; severity: string; at: string }>;
}

export interface DiagnosticsOptions {
  db: Db;
  databaseFile: string;
  /** The log files, newest first. */
  logFiles: string[];
  facts: DiagnosticsFacts;
  now?: Date;
}

function sqliteFacts(db: Db, databaseFile: string) {
  const one = (sql: string): unknown => {
    try {
      return (db.prepare(sql).pluck().get() as unknown) ?? null;
    } catch {
      return null;
    }
  };
  const sizeBytes = fs.statSync(databaseFile, { throwIfNoEntry: false })?.size ?? null;
  return {
    version: one('select sqlite_version()'),
    cipher: one('pragma cipher'),
    schemaVersion: schemaVersion(db),
    journalMode: one('pragma journal_mode'),
    pageSize: one('pragma page_size'),
    pageCount: one('pragma page_count'),
    fileBytes: sizeBytes,
  };
}

export function diagnosticsFileName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace('T', '-');
  return `rongmei-diagnostics-${stamp}.zip`;
}

export function collectDiagnostics(opts: DiagnosticsOptions): {
  fileName: string;
  bytes: Uint8Array;
} {
  const now = opts.now ?? new Date();
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const about = {
    generatedAt: now.toISOString(),
    app: opts.facts.app,
    versions: {
      electron: v.electron ?? null,
      chrome: v.chrome ?? null,
      node: v.node,
      v8: v.v8,
      openssl: v.openssl,
    },
    os: {
      platform: process.platform,
      arch: process.arch,
      release: os.release(),
      version: typeof os.version === 'function' ? os.version() : null,
      totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
      freeMemoryMb: Math.round(os.freemem() / 1024 / 1024),
      cpus: os.cpus().length,
      uptimeHours: Math.round(os.uptime() / 360) / 10,
    },
    sqlite: sqliteFacts(opts.db, opts.databaseFile),
    settings: opts.facts.settings,
    storage: opts.facts.storage,
    updates: opts.facts.updates,
    notices: opts.facts.notices,
  };
  const files: Zippable = {
    'about.json': strToU8(JSON.stringify(about, null, 2)),
  };
  // Oldest first inside the zip, so reading the folder top to bottom is reading in time order.
  for (const f of [...opts.logFiles].reverse()) {
    try {
      files[`logs/${path.basename(f)}`] = fs.readFileSync(f);
    } catch {
      // rotated away between listing and reading
    }
  }
  return { fileName: diagnosticsFileName(now), bytes: zipSync(files, { level: 6, mtime: now }) };
}
