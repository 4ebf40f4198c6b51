// Changes to a story's authenticity record as commands (add a source, link a
// claim, verify…), applied purely. The server runs them and writes each one
// to the audit log; a verification always records the person who made it.
import { z } from 'zod';
import { localized, renderMessage, type Localized, type MessageParams } from '../domain/localized';
import { TextAnchorSchema } from '../workflow/commands';
import { EDITORIAL_RANK, rankOf, type PersonActor } from '../workflow/roles';
import {
  ClaimSchema,
  ImageProvenanceSchema,
  LocalIdSchema,
  SourceInputSchema,
  VERIFICATION_METHODS,
  type AuthenticityRecord,
  type Source,
  type SourceInput,
} from './model';

const Method = z.enum(VERIFICATION_METHODS);
const Note = z.string().max(2000);

export const AuthenticityOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add_source'), source: SourceInputSchema }),
  z.object({ op: z.literal('update_source'), source: SourceInputSchema }),
  z.object({ op: z.literal('remove_source'), id: LocalIdSchema }),
  z.object({ op: z.literal('verify_source'), id: LocalIdSchema, method: Method, note: Note }),
  z.object({ op: z.literal('revoke_source_verification'), id: LocalIdSchema, note: Note }),
  z.object({
    op: z.literal('add_claim'),
    claim: ClaimSchema.omit({ verification: true }),
  }),
  z.object({
    op: z.literal('update_claim'),
    id: LocalIdSchema,
    text: z.string().trim().min(1).max(2000),
    anchor: TextAnchorSchema.nullable(),
    required: z.boolean(),
  }),
  z.object({
    op: z.literal('link_claim'),
    id: LocalIdSchema,
    sourceIds: z.array(LocalIdSchema).max(20),
  }),
  z.object({ op: z.literal('verify_claim'), id: LocalIdSchema, method: Method, note: Note }),
  z.object({ op: z.literal('revoke_claim_verification'), id: LocalIdSchema, note: Note }),
  z.object({ op: z.literal('remove_claim'), id: LocalIdSchema }),
  z.object({ op: z.literal('set_image_provenance'), provenance: ImageProvenanceSchema }),
  z.object({ op: z.literal('remove_image_provenance'), assetId: z.string().min(1).max(128) }),
]);
export type AuthenticityOp = z.infer<typeof AuthenticityOpSchema>;

const TEXTS = {
  invalid_op: localized(
    '信源操作格式不对：{detail}',
    'The authenticity change is malformed: {detail}',
  ),
  forbidden: localized(
    '你没有核实信源和事实的权限',
    'You are not allowed to verify sources and claims',
  ),
  duplicate_id: localized('编号{id}已存在', 'Id {id} already exists'),
  not_found: localized('找不到{id}', 'No item {id}'),
  source_in_use: localized(
    '还有事实引用信源{id}，请先解除关联',
    'Claims still cite source {id}; unlink them first',
  ),
  claim_without_source: localized(
    '请先为这一事实关联信源，再标记核实',
    'Link the claim to a source before marking it verified',
  ),
  unknown_source: localized('没有信源{id}', 'There is no source {id}'),
} satisfies Record<string, Localized>;

export type AuthenticityReasonCode = keyof typeof TEXTS;
export interface AuthenticityReason {
  code: AuthenticityReasonCode;
  params: MessageParams;
  message: Localized;
}
export type AuthenticityResult =
  { ok: true; record: AuthenticityRecord } | { ok: false; reason: AuthenticityReason };

function no(code: AuthenticityReasonCode, params: MessageParams = {}): AuthenticityResult {
  return { ok: false, reason: { code, params, message: renderMessage(TEXTS[code], params) } };
}

/**
 * Applies one change. Anyone on the editorial staff may record sources and
 * claims; verifying (or revoking a verification) takes an editor, because it
 * is what 终审 relies on. Editing a source or a claim clears its verification:
 * the person vouched for what was there before.
 */
export function applyAuthenticityOp(
  record: AuthenticityRecord,
  opInput: AuthenticityOp,
  actor: PersonActor,
  at: string,
): AuthenticityResult {
  const parsed = AuthenticityOpSchema.safeParse(opInput);
  if (!parsed.success)
    return no('invalid_op', { detail: parsed.error.issues[0]?.message ?? 'invalid' });
  const op = parsed.data;
  const rank = rankOf(actor);
  if (rank < EDITORIAL_RANK.reporter) return no('forbidden');
  const verifying =
    op.op === 'verify_source' ||
    op.op === 'verify_claim' ||
    op.op === 'revoke_source_verification' ||
    op.op === 'revoke_claim_verification';
  if (verifying && rank < EDITORIAL_RANK.channel_editor) return no('forbidden');
  const by = actor.userId;
  const sourceIndex = (id: string) => record.sources.findIndex((s) => s.id === id);
  const claimIndex = (id: string) => record.claims.findIndex((c) => c.id === id);
  const ok = (r: Partial<AuthenticityRecord>): AuthenticityResult => ({
    ok: true,
    record: { ...record, ...r },
  });

  switch (op.op) {
    case 'add_source': {
      const input: SourceInput = op.source;
      if (sourceIndex(input.id) >= 0) return no('duplicate_id', { id: input.id });
      const source = { ...input, verification: null, addedBy: by, addedAt: at } as Source;
      return ok({ sources: [...record.sources, source] });
    }
    case 'update_source': {
      const input: SourceInput = op.source;
      const i = sourceIndex(input.id);
      if (i < 0) return no('not_found', { id: input.id });
      const old = record.sources[i]!;
      const next = {
        ...input,
        verification: null,
        addedBy: old.addedBy,
        addedAt: old.addedAt,
      } as Source;
      return ok({ sources: record.sources.map((s, k) => (k === i ? next : s)) });
    }
    case 'remove_source': {
      if (sourceIndex(op.id) < 0) return no('not_found', { id: op.id });
      if (record.claims.some((c) => c.sourceIds.includes(op.id)))
        return no('source_in_use', { id: op.id });
      return ok({ sources: record.sources.filter((s) => s.id !== op.id) });
    }
    case 'verify_source':
    case 'revoke_source_verification': {
      const i = sourceIndex(op.id);
      if (i < 0) return no('not_found', { id: op.id });
      const verification =
        op.op === 'verify_source' ? { by, at, method: op.method, note: op.note } : null;
      return ok({
        sources: record.sources.map((s, k) => (k === i ? { ...s, verification } : s)),
      });
    }
    case 'add_claim': {
      if (claimIndex(op.claim.id) >= 0) return no('duplicate_id', { id: op.claim.id });
      const missing = op.claim.sourceIds.find((id) => sourceIndex(id) < 0);
      if (missing) return no('unknown_source', { id: missing });
      return ok({ claims: [...record.claims, { ...op.claim, verification: null }] });
    }
    case 'update_claim': {
      const i = claimIndex(op.id);
      if (i < 0) return no('not_found', { id: op.id });
      const old = record.claims[i]!;
      const verification = old.text === op.text ? old.verification : null;
      const next = {
        ...old,
        text: op.text,
        anchor: op.anchor,
        required: op.required,
        verification,
      };
      return ok({ claims: record.claims.map((c, k) => (k === i ? next : c)) });
    }
    case 'link_claim': {
      const i = claimIndex(op.id);
      if (i < 0) return no('not_found', { id: op.id });
      const missing = op.sourceIds.find((id) => sourceIndex(id) < 0);
      if (missing) return no('unknown_source', { id: missing });
      const old = record.claims[i]!;
      const same =
        old.sourceIds.length === op.sourceIds.length &&
        old.sourceIds.every((id) => op.sourceIds.includes(id));
      const next = {
        ...old,
        sourceIds: [...op.sourceIds],
        verification: same ? old.verification : null,
      };
      return ok({ claims: record.claims.map((c, k) => (k === i ? next : c)) });
    }
    case 'verify_claim':
    case 'revoke_claim_verification': {
      const i = claimIndex(op.id);
      if (i < 0) return no('not_found', { id: op.id });
      if (op.op === 'verify_claim' && record.claims[i]!.sourceIds.length === 0)
        return no('claim_without_source');
      const verification =
        op.op === 'verify_claim' ? { by, at, method: op.method, note: op.note } : null;
      return ok({ claims: record.claims.map((c, k) => (k === i ? { ...c, verification } : c)) });
    }
    case 'remove_claim':
      if (claimIndex(op.id) < 0) return no('not_found', { id: op.id });
      return ok({ claims: record.claims.filter((c) => c.id !== op.id) });
    case 'set_image_provenance':
      return ok({
        images: [
          ...record.images.filter((p) => p.assetId !== op.provenance.assetId),
          op.provenance,
        ],
      });
    case 'remove_image_provenance':
      return ok({ images: record.images.filter((p) => p.assetId !== op.assetId) });
  }
}
