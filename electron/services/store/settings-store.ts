// Small key → JSON values: the UI language, notices not yet dismissed.
import type { Db } from './database';
import type { z } from 'zod';

export class SettingsStore {
  constructor(private readonly db: Db) {}

  read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
      .get(key);
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  write(key: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }
}
