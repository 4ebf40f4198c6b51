// A second full-text index for 1–2 字 searches. The trigram index cannot
// match terms shorter than three characters; this one indexes each CJK
// character as a word (see cjk-tokens.ts). Contentless: the text itself stays
// in story_text. Filled here from what is already stored.
import type { Migration } from './types';
import { spaceCjk } from '../cjk-tokens';

export const migration002: Migration = {
  version: 2,
  name: 'short-term index',
  up(db) {
    db.exec(`CREATE VIRTUAL TABLE story_fts_short USING fts5(
      titles, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
    )`);
    const insert = db.prepare('INSERT INTO story_fts_short (rowid, titles, body) VALUES (?, ?, ?)');
    // In batches: one connection cannot read and write at once, and a big library should not sit in memory.
    const batch = db.prepare<[number], { rowid: number; titles: string; body: string }>(
      'SELECT rowid, titles, body FROM story_text WHERE rowid > ? ORDER BY rowid LIMIT 500',
    );
    let rows = batch.all(0);
    while (rows.length) {
      for (const row of rows) insert.run(row.rowid, spaceCjk(row.titles), spaceCjk(row.body));
      rows = batch.all(rows.at(-1)!.rowid);
    }
    // Keep it in step when a story (and so its text row) is deleted.
    db.exec(`CREATE TRIGGER story_text_ad_short AFTER DELETE ON story_text BEGIN
      DELETE FROM story_fts_short WHERE rowid = old.rowid;
    END`);
  },
};
