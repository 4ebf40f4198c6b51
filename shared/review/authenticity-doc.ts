// The story's authenticity record (sources, claims, image provenance) kept
// in its Y.Doc as a log of shared/authenticity ops: each replica appends, the
// record is the ops folded in the array's order (the same on every replica),
// so two desks adding sources offline both keep theirs. An op that no longer
// applies after a merge (verifying a claim whose source was removed) is
// skipped and reported. The server may hold the authoritative copy; this is
// the working copy that travels with the text.
import type * as Y from 'yjs';
import { z } from 'zod';
import { emptyAuthenticity, type AuthenticityRecord } from '../authenticity/model';
import {
  AuthenticityOpSchema,
  applyAuthenticityOp,
  type AuthenticityOp,
  type AuthenticityReason,
} from '../authenticity/ops';
import { PersonActorSchema, type PersonActor } from '../workflow/roles';

export const AUTHENTICITY_OPS = 'authenticity.ops';

const EntrySchema = z.object({
  op: AuthenticityOpSchema,
  actor: PersonActorSchema,
  at: z.iso.datetime({ offset: true }),
});
export type AuthenticityEntry = z.infer<typeof EntrySchema>;

export function authenticityLog(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(AUTHENTICITY_OPS);
}

export interface AuthenticityState {
  record: AuthenticityRecord;
  /** Entries that did not apply (after a merge), with why. */
  skipped: { entry: AuthenticityEntry; reason: AuthenticityReason }[];
}

export function readAuthenticity(doc: Y.Doc, storyId: string): AuthenticityState {
  let record = emptyAuthenticity(storyId);
  const skipped: AuthenticityState['skipped'] = [];
  for (const raw of authenticityLog(doc).toArray()) {
    const entry = EntrySchema.safeParse(raw);
    if (!entry.success) continue;
    const r = applyAuthenticityOp(record, entry.data.op, entry.data.actor, entry.data.at);
    if (r.ok) record = r.record;
    else skipped.push({ entry: entry.data, reason: r.reason });
  }
  return { record, skipped };
}

/** Checks the op against the current record and appends it; the reason when it does not apply. */
export function appendAuthenticityOp(
  doc: Y.Doc,
  storyId: string,
  op: AuthenticityOp,
  actor: PersonActor,
  at: string,
  origin?: unknown,
): { ok: true; record: AuthenticityRecord } | { ok: false; reason: AuthenticityReason } {
  const r = applyAuthenticityOp(readAuthenticity(doc, storyId).record, op, actor, at);
  if (!r.ok) return r;
  const entry: AuthenticityEntry = { op, actor, at };
  doc.transact(() => authenticityLog(doc).push([entry]), origin);
  return r;
}
