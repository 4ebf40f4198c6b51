// The append-only audit log: every workflow event (and every authenticity
// change) as an entry whose hash covers the previous entry's hash, so editing,
// removing or reordering any entry breaks the chain from that point on.
//   hash = SHA-256( prevHash ‖ canonicalJson(entry without its hashes) )
import { z } from 'zod';
import { localized, renderMessage, type Localized, type MessageParams } from '../domain/localized';
import { canonicalJson } from '../hashing/canonical-json';
import { sha256Hex, Sha256HexSchema } from '../hashing/sha256';
import { ActorRefSchema } from '../workflow/roles';
import type { WorkflowEvent } from '../workflow/events';

export const AUDIT_FORMAT = 'rongmei/audit/v1';
/** The "previous hash" of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const AuditEntryBodySchema = z.strictObject({
  /** Position in the log, from 1, without gaps. */
  seq: z.number().int().min(1),
  at: z.iso.datetime({ offset: true }),
  storyId: z.string().min(1).max(64).nullable(),
  actor: ActorRefSchema,
  /** workflow.<event type>, authenticity.<op>, or another namespaced kind. */
  type: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'not a namespaced entry type'),
  /** The event itself, as plain JSON. */
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntryBody = z.infer<typeof AuditEntryBodySchema>;

/** Strict: a key the hash does not cover has no business in an entry. */
export const AuditEntrySchema = AuditEntryBodySchema.extend({
  prevHash: Sha256HexSchema,
  hash: Sha256HexSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Exactly the text that is hashed after the previous hash. */
export function canonicalEntry(body: AuditEntryBody): string {
  return canonicalJson({
    format: AUDIT_FORMAT,
    seq: body.seq,
    at: body.at,
    storyId: body.storyId,
    actor: body.actor,
    type: body.type,
    data: body.data,
  });
}

export function entryHash(prevHash: string, body: AuditEntryBody): string {
  return sha256Hex(prevHash + canonicalEntry(body));
}

/** The next entry of the log after `prev` (null for the first). `body.seq` is filled in. */
export function appendEntry(
  prev: AuditEntry | null,
  body: Omit<AuditEntryBody, 'seq'>,
): AuditEntry {
  const full: AuditEntryBody = { ...body, seq: prev ? prev.seq + 1 : 1 };
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  return { ...full, prevHash, hash: entryHash(prevHash, full) };
}

/** A workflow event as an audit entry body. */
export function workflowEntry(event: WorkflowEvent): Omit<AuditEntryBody, 'seq'> {
  return {
    at: event.at,
    storyId: event.storyId,
    actor: event.actor,
    type: `workflow.${event.type}`,
    data: JSON.parse(JSON.stringify(event)) as Record<string, unknown>,
  };
}

const PROBLEM_TEXTS = {
  malformed: localized('第{seq}条记录格式不对：{detail}', 'Entry {seq} is malformed: {detail}'),
  bad_seq: localized(
    '第{index}条记录的序号是{found}，应为{expected}（记录缺失或顺序被改）',
    'Entry {index} has number {found}, expected {expected} (entries missing or reordered)',
  ),
  broken_link: localized(
    '第{seq}条记录没有接上前一条（前一条被改动或删除）',
    'Entry {seq} does not follow the previous one (it was changed or removed)',
  ),
  bad_hash: localized(
    '第{seq}条记录的内容与其哈希不符（记录被改动）',
    'Entry {seq} does not match its hash (it was changed)',
  ),
  truncated: localized(
    '日志在第{seq}条之后与已知的末尾不符（记录被截断或替换）',
    'The log after entry {seq} does not end where it should (truncated or replaced)',
  ),
} satisfies Record<string, Localized>;

export type ChainProblemCode = keyof typeof PROBLEM_TEXTS;

export type ChainVerification =
  | { ok: true; count: number; head: string }
  | {
      ok: false;
      /** Index (0-based) of the first entry that fails; entries before it are intact. */
      index: number;
      seq: number | null;
      code: ChainProblemCode;
      params: MessageParams;
      message: Localized;
    };

export interface VerifyOptions {
  /** The head hash recorded elsewhere (another server, a printout); a shorter or replaced log fails. */
  expectedHead?: string;
  /** Where this slice of the log starts, when it does not start at entry 1. */
  from?: { seq: number; prevHash: string };
}

/** Checks every link; reports the first broken one. */
export function verifyChain(
  entries: readonly unknown[],
  options: VerifyOptions = {},
): ChainVerification {
  let prevHash = options.from?.prevHash ?? GENESIS_HASH;
  let expectedSeq = options.from?.seq ?? 1;
  const fail = (
    index: number,
    seq: number | null,
    code: ChainProblemCode,
    params: MessageParams,
  ): ChainVerification => ({
    ok: false,
    index,
    seq,
    code,
    params,
    message: renderMessage(PROBLEM_TEXTS[code], params),
  });
  for (let i = 0; i < entries.length; i++) {
    const parsed = AuditEntrySchema.safeParse(entries[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(i, expectedSeq, 'malformed', {
        seq: expectedSeq,
        detail: issue ? `${issue.path.join('.') || '(entry)'}: ${issue.message}` : 'invalid',
      });
    }
    const e = parsed.data;
    if (e.seq !== expectedSeq)
      return fail(i, e.seq, 'bad_seq', { index: i + 1, found: e.seq, expected: expectedSeq });
    if (e.prevHash !== prevHash) return fail(i, e.seq, 'broken_link', { seq: e.seq });
    if (entryHash(e.prevHash, e) !== e.hash) return fail(i, e.seq, 'bad_hash', { seq: e.seq });
    prevHash = e.hash;
    expectedSeq++;
  }
  if (options.expectedHead !== undefined && options.expectedHead !== prevHash)
    return fail(entries.length, expectedSeq - 1, 'truncated', { seq: expectedSeq - 1 });
  return { ok: true, count: entries.length, head: prevHash };
}
