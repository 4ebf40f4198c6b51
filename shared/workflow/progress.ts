// Where a channel version stands in its review chain for the content as it is
// now: which steps have signed this exact content, which sign-offs went stale
// with an edit, what comes next, whether proofreading and the scan are done.
import { unresolvedBlocking, type Finding, type ScanReport } from '../scan/report';
import type { ReviewStep } from './review-plan';
import type { StoryStatus } from '../domain/story';
import { CHANNEL_IDS, type ChannelId } from './desks';
import type { SignOff, StoryWorkflow, VariantWorkflow } from './state';

export type StepState = 'approved' | 'stale' | 'pending';

export interface StepStatus {
  step: ReviewStep;
  state: StepState;
  /** The sign-off of the current content, or the latest stale one. */
  signOff: SignOff | null;
}

export interface ReviewProgress {
  steps: StepStatus[];
  /** The first step that has not signed the current content; null when all have. */
  next: ReviewStep | null;
  /** Every step signed this exact content. */
  approved: boolean;
}

/** Review status against `currentHash`; with no hash known nothing counts as approved. */
export function reviewProgress(v: VariantWorkflow, currentHash: string | null): ReviewProgress {
  const steps = v.plan.steps.map((step): StepStatus => {
    let current: SignOff | null = null;
    let latest: SignOff | null = null;
    for (const s of v.signOffs) {
      if (s.step !== step.id) continue;
      latest = s;
      if (currentHash !== null && s.contentHash === currentHash) current = s;
    }
    if (current) return { step, state: 'approved', signOff: current };
    return { step, state: latest ? 'stale' : 'pending', signOff: latest };
  });
  const next = steps.find((s) => s.state !== 'approved')?.step ?? null;
  return { steps, next, approved: next === null };
}

/** The step this person already signed for this content, if any (三审 takes three people). */
export function stepSignedBy(v: VariantWorkflow, userId: string, hash: string): SignOff | null {
  return v.signOffs.find((s) => s.by === userId && s.contentHash === hash) ?? null;
}

export interface ProofreadingStatus {
  required: number;
  /** Rounds recorded at least once, in order. */
  roundsDone: number;
  /** The round to record next (the last one again when its record went stale). */
  nextRound: number;
  complete: boolean;
}

/**
 * Proofreading is complete when rounds 1…n have been recorded in order and
 * round n read the current content. Earlier rounds may be on older text:
 * each round's corrections are exactly what changes the text.
 */
export function proofreadingStatus(
  v: VariantWorkflow,
  currentHash: string | null,
): ProofreadingStatus {
  const required = v.plan.proofreadRounds;
  const rounds = new Set(v.proofreads.map((p) => p.round));
  let roundsDone = 0;
  while (rounds.has(roundsDone + 1)) roundsDone++;
  if (required === 0) return { required, roundsDone, nextRound: roundsDone + 1, complete: true };
  const lastCurrent =
    currentHash !== null &&
    v.proofreads.some((p) => p.round === required && p.contentHash === currentHash);
  const complete = roundsDone >= required && lastCurrent;
  const nextRound = roundsDone >= required ? required : roundsDone + 1;
  return { required, roundsDone, nextRound, complete };
}

export interface ScanStatus {
  /** A report exists for the current content. */
  current: boolean;
  /** Blocking findings no override covers (empty when the report is missing). */
  unresolved: Finding[];
}

export function scanStatus(
  v: VariantWorkflow,
  report: ScanReport | undefined,
  currentHash: string | null,
): ScanStatus {
  if (!report || currentHash === null || report.contentHash !== currentHash)
    return { current: false, unresolved: [] };
  return { current: true, unresolved: unresolvedBlocking(report, v.overrides) };
}

/**
 * The one status the library list shows for a story (StorySummary.status),
 * from the workflow state: the furthest any channel version has got, with
 * "approved" only while every step's sign-off matches the current content.
 */
export function storyStatus(
  s: StoryWorkflow,
  currentHashes: Partial<Record<ChannelId, string>> = {},
): StoryStatus {
  if (s.stage !== 'filed') return s.stage;
  const versions = CHANNEL_IDS.flatMap((c) => (s.variants[c] ? [s.variants[c]] : []));
  const live = versions.filter((v) => v.stage !== 'spiked' && v.stage !== 'vetoed');
  if (versions.length === 0) return 'filed';
  if (live.length === 0) return 'spiked';
  if (live.some((v) => v.stage === 'published')) return 'published';
  const reviewing = live.filter((v) => v.stage === 'in_review' || v.stage === 'scheduled');
  if (reviewing.length > 0) {
    const hashOf = (v: VariantWorkflow) =>
      currentHashes[v.channel] ?? v.submissions[v.submissions.length - 1]?.contentHash ?? null;
    return reviewing.some((v) => reviewProgress(v, hashOf(v)).approved) ? 'approved' : 'in_review';
  }
  return 'editing';
}
