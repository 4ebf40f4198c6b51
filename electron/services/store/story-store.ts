// Story rows: the summary projection of each story document, the trash, and
// search. Terms of three or more characters use the FTS5 trigram index;
// 1–2 字 terms (too short for a trigram) use a second index that holds each
// CJK character as a word. Both are walked newest-first and stop at a page.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import type { StorySummary, StoryFields, StoryStatus } from '@shared/domain/story';
import type { ListStoriesInput } from '@shared/api/contract';
import { ListStoriesInputSchema } from '@shared/api/contract';
import { bodyParagraphs, bodyToPlainText, type Block } from '@shared/body/blocks';
import { countWords } from '@shared/text/word-count';
import { HostError } from '@shared/api/errors';
import { shortTermQuery, spaceCjk } from './cjk-tokens';

interface StoryRow {
  id: string;
  status: string;
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
  headline: string;
  kicker: string;
  subheadline: string;
  byline: string;
  dateline: string;
  section: string | null;
  keywords: string;
  priority: string;
  embargo: string | null;
  word_count: number;
  paragraph_count: number;
  excerpt: string;
  desk_id: string | null;
  pending_command: number;
}

/** Every story query selects this: the row plus whether a command for it waits in the outbox. */
const SUMMARY_COLUMNS =
  's.*, EXISTS (SELECT 1 FROM outbox o WHERE o.story_id = s.id) AS pending_command';

const EXCERPT_CHARS = 120;
/** How far a search counts before saying "more than": a broad term can match most of the library. */
const SEARCH_COUNT_CAP = 1000;

function toSummary(r: StoryRow): StorySummary {
  let keywords: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.keywords);
    if (Array.isArray(parsed)) keywords = parsed.filter((k): k is string => typeof k === 'string');
  } catch {
    keywords = [];
  }
  return {
    id: r.id,
    status: r.status as StoryStatus,
    headline: r.headline,
    kicker: r.kicker,
    subheadline: r.subheadline,
    byline: r.byline,
    dateline: r.dateline,
    section: r.section,
    keywords,
    priority: r.priority as StorySummary['priority'],
    embargo: r.embargo,
    wordCount: r.word_count,
    paragraphCount: r.paragraph_count,
    excerpt: r.excerpt,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    trashedAt: r.trashed_at,
    deskId: r.desk_id,
    pendingCommand: r.pending_command === 1,
  };
}

export interface Projection {
  fields: StoryFields;
  body: Block[];
}

export function projectionColumns(p: Projection) {
  const plain = bodyToPlainText(p.body);
  const paragraphs = bodyParagraphs(p.body);
  const words = countWords(plain);
  const excerpt = paragraphs.join(' ').slice(0, EXCERPT_CHARS);
  const titles = [
    p.fields.headline,
    p.fields.kicker,
    p.fields.subheadline,
    p.fields.byline,
    p.fields.dateline,
    ...p.fields.keywords,
  ]
    .filter(Boolean)
    .join('\n');
  return { plain, titles, words: words.total, paragraphs: paragraphs.length, excerpt };
}

/** Splits a search into terms; quotes keep a phrase with spaces together. */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]+)"|(\S+)/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    const t = (m[1] ?? m[2] ?? '').normalize('NFC').trim();
    if (t) terms.push(t);
  }
  return terms.slice(0, 8);
}

const ORDER_BY: Record<string, string> = {
  updated: 's.updated_at',
  created: 's.created_at',
  headline: 's.headline COLLATE NOCASE',
  priority:
    "CASE s.priority WHEN 'flash' THEN 0 WHEN 'urgent' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END",
};

export class StoryStore {
  private readonly byId: Statement<[string], StoryRow>;
  private readonly insertStory: Statement;
  private readonly updateProjection: Statement;
  private readonly selectText: Statement<[string], { titles: string; body: string }>;
  private readonly deleteText: Statement;
  private readonly insertText: Statement;
  private readonly insertShort: Statement;
  private readonly setTrashed: Statement;

  constructor(private readonly db: Db) {
    this.byId = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM stories s WHERE s.id = ?`);
    this.insertStory = db.prepare(
      `INSERT INTO stories (id, status, created_at, updated_at) VALUES (@id, 'draft', @now, @now)`,
    );
    this.updateProjection = db.prepare(`
      UPDATE stories SET headline=@headline, kicker=@kicker, subheadline=@subheadline, byline=@byline,
        dateline=@dateline, section=@section, keywords=@keywords, priority=@priority, embargo=@embargo,
        word_count=@words, paragraph_count=@paragraphs, excerpt=@excerpt,
        updated_at = CASE WHEN @touch THEN @now ELSE updated_at END
      WHERE id=@id`);
    this.selectText = db.prepare('SELECT titles, body FROM story_text WHERE story_id = ?');
    this.deleteText = db.prepare('DELETE FROM story_text WHERE story_id = ?');
    this.insertText = db.prepare(
      'INSERT INTO story_text (story_id, titles, body) VALUES (@id, @titles, @body)',
    );
    this.insertShort = db.prepare(
      'INSERT INTO story_fts_short (rowid, titles, body) VALUES (?, ?, ?)',
    );
    this.setTrashed = db.prepare(
      'UPDATE stories SET trashed_at = @at, updated_at = @now WHERE id = @id',
    );
  }

  get(id: string): StorySummary | null {
    const row = this.byId.get(id);
    return row ? toSummary(row) : null;
  }

  require(id: string): StorySummary {
    const s = this.get(id);
    if (!s) throw new HostError('not_found', `story ${id} not found`, { id });
    return s;
  }

  create(id: string, now: string): void {
    if (this.byId.get(id)) throw new HostError('conflict', `story ${id} exists`, { id });
    this.insertStory.run({ id, now });
  }

  /** Writes the projection of a story's document. `touch` moves updated_at (a real edit). */
  project(id: string, p: Projection, now: string, touch: boolean): void {
    const c = projectionColumns(p);
    this.db.transaction(() => {
      this.updateProjection.run({
        id,
        headline: p.fields.headline,
        kicker: p.fields.kicker,
        subheadline: p.fields.subheadline,
        byline: p.fields.byline,
        dateline: p.fields.dateline,
        section: p.fields.section,
        keywords: JSON.stringify(p.fields.keywords),
        priority: p.fields.priority,
        embargo: p.fields.embargo,
        words: c.words,
        paragraphs: c.paragraphs,
        excerpt: c.excerpt,
        now,
        touch: touch ? 1 : 0,
      });
      this.writeText(id, c.titles, c.plain);
    })();
  }

  /**
   * Stores a story's searchable text in both indexes. Re-inserting gives the
   * row the highest rowid, so rowid order is last-edited order and a search
   * can walk an index newest-first and stop at one page instead of sorting
   * every match.
   */
  writeText(id: string, titles: string, body: string): void {
    const old = this.selectText.get(id);
    if (old && old.titles === titles && old.body === body) return;
    this.deleteText.run(id); // triggers drop the old index entries
    const rowid = this.insertText.run({ id, titles, body }).lastInsertRowid;
    this.insertShort.run(rowid, spaceCjk(titles), spaceCjk(body));
  }

  trash(id: string, now: string): StorySummary {
    this.require(id);
    this.setTrashed.run({ id, at: now, now });
    return this.require(id);
  }

  restore(id: string, now: string): StorySummary {
    this.require(id);
    this.setTrashed.run({ id, at: null, now });
    return this.require(id);
  }

  /** Deletes a story for good; only from the trash. Returns the ids of documents to drop. */
  purge(id: string): void {
    const s = this.require(id);
    if (!s.trashedAt)
      throw new HostError('conflict', 'only stories in the trash can be deleted', { id });
    this.db.prepare('DELETE FROM stories WHERE id = ?').run(id);
  }

  setStatus(id: string, status: StoryStatus, now: string): void {
    this.db
      .prepare('UPDATE stories SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, now, id);
  }

  list(raw: ListStoriesInput): { items: StorySummary[]; total: number; totalIsEstimate: boolean } {
    const input = ListStoriesInputSchema.parse(raw);
    const where: string[] = [input.trashed ? 's.trashed_at IS NOT NULL' : 's.trashed_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (input.status) {
      where.push('s.status = @status');
      params.status = input.status;
    }
    if (input.section) {
      where.push('s.section = @section');
      params.section = input.section;
    }
    const terms = input.query ? searchTerms(input.query) : [];
    const long = terms.filter((t) => [...t].length >= 3);
    const short = terms.filter((t) => [...t].length < 3);
    let from = 'stories s';
    if (long.length) {
      from =
        'story_fts f JOIN story_text t ON t.rowid = f.rowid JOIN stories s ON s.id = t.story_id';
      params.match = long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
      where.push('story_fts MATCH @match');
    } else if (short.length) {
      from =
        'story_fts_short u JOIN story_text t ON t.rowid = u.rowid JOIN stories s ON s.id = t.story_id';
    }
    if (short.length) {
      // 1–2 字 terms go to the one-character index (phrase of their characters).
      params.short = short.map(shortTermQuery).join(' AND ');
      where.push(
        long.length
          ? 't.rowid IN (SELECT rowid FROM story_fts_short WHERE story_fts_short MATCH @short)'
          : 'story_fts_short MATCH @short',
      );
    }
    const whereSql = where.join(' AND ');
    const searching = terms.length > 0;
    // Newest-first search follows the text table's rowid (see project()), which SQLite can
    // read backwards from the index and stop after one page.
    const order =
      searching && input.sort === 'updated' && !input.trashed
        ? long.length
          ? 'f.rowid'
          : 'u.rowid'
        : input.trashed && input.sort === 'updated'
          ? 's.trashed_at'
          : ORDER_BY[input.sort]!;
    const dir = input.order === 'asc' ? 'ASC' : 'DESC';
    const items = this.db
      .prepare<Record<string, unknown>, StoryRow>(
        // A rowid is unique, and a tie-breaker after it would make SQLite sort every match.
        `SELECT ${SUMMARY_COLUMNS} FROM ${from} WHERE ${whereSql} ORDER BY ${order} ${dir}${order.endsWith('rowid') ? '' : `, s.id ${dir}`} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: input.limit, offset: input.offset })
      .map(toSummary);
    const countSql = searching
      ? `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${whereSql} LIMIT ${SEARCH_COUNT_CAP + 1})`
      : `SELECT count(*) AS n FROM ${from} WHERE ${whereSql}`;
    const n = this.db.prepare<Record<string, unknown>, { n: number }>(countSql).get(params)?.n ?? 0;
    return {
      items,
      total: searching ? Math.min(n, SEARCH_COUNT_CAP) : n,
      totalIsEstimate: searching && n > SEARCH_COUNT_CAP,
    };
  }
}
