// The review chain a desk runs on each channel version (三审三校), as data:
// the steps in order, who may sign each, and how many proofreading rounds.
import { z } from 'zod';
import { LocalizedSchema, localized } from '../domain/localized';
import { RoleSchema } from './roles';

export const StepIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'not a step id');

export const ReviewStepSchema = z.object({
  id: StepIdSchema,
  name: LocalizedSchema,
  /** Least senior role that may sign this step. */
  role: RoleSchema.exclude(['admin', 'reporter']),
  /** The signer must belong to the desk that owns the channel version. */
  deskBound: z.boolean(),
  /** Whoever may sign this step may also veto the version (否决). */
  canVeto: z.boolean(),
  /** Cannot be approved while a required source or claim is unverified. */
  requiresVerifiedSources: z.boolean(),
  /** Cannot be approved while the machine pre-scan has a blocking finding that is neither fixed nor overridden. */
  requiresScanClear: z.boolean(),
});
export type ReviewStep = z.infer<typeof ReviewStepSchema>;

export const ReviewPlanSchema = z
  .object({
    steps: z.array(ReviewStepSchema).min(1).max(6),
    /** Proofreading rounds (校次) that must be recorded before publishing; 0 = none. */
    proofreadRounds: z.number().int().min(0).max(5),
    /** One person signs at most one step of the same content (三审 means three people). */
    distinctReviewers: z.boolean(),
  })
  .refine((p) => new Set(p.steps.map((s) => s.id)).size === p.steps.length, {
    message: 'step ids must be unique',
  });
export type ReviewPlan = z.infer<typeof ReviewPlanSchema>;

const FIRST: ReviewStep = {
  id: 'first',
  name: localized('初审', 'First review'),
  role: 'channel_editor',
  deskBound: true,
  canVeto: false,
  requiresVerifiedSources: false,
  requiresScanClear: false,
};
const SECOND: ReviewStep = {
  id: 'second',
  name: localized('复审', 'Second review'),
  role: 'desk_head',
  deskBound: true,
  canVeto: false,
  requiresVerifiedSources: false,
  requiresScanClear: false,
};
const FINAL: ReviewStep = {
  id: 'final',
  name: localized('终审', 'Final review'),
  role: 'editor_in_chief',
  deskBound: false,
  canVeto: true,
  requiresVerifiedSources: true,
  requiresScanClear: true,
};

/** 初审 (responsible editor) → 复审 (desk head) → 终审 (editor-in-chief, may veto); one proofreading round. */
export const DEFAULT_REVIEW_PLAN: ReviewPlan = {
  steps: [FIRST, SECOND, FINAL],
  proofreadRounds: 1,
  distinctReviewers: true,
};

/** Print keeps the full 三校: three proofreading rounds before the page goes. */
export const PRINT_REVIEW_PLAN: ReviewPlan = { ...DEFAULT_REVIEW_PLAN, proofreadRounds: 3 };
