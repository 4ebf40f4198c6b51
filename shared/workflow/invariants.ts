// What must hold for every workflow state, whatever commands led to it.
// The property tests check these after every step of random walks; the
// server may check a rebuilt story with them too. Messages are for developers.
import { CHANNEL_IDS } from './desks';
import type { StoryWorkflow, VariantWorkflow } from './state';

export function checkInvariants(s: StoryWorkflow): string[] {
  const out: string[] = [];
  const bad = (m: string) => out.push(m);
  if (new Set(s.commandIds).size !== s.commandIds.length) bad('a command id appears twice');
  if (s.commandIds.length > s.version) bad('more command ids than events');
  const variants = CHANNEL_IDS.flatMap((c) => (s.variants[c] ? [s.variants[c]] : []));
  if (s.stage === 'draft' && variants.length > 0) bad('a draft has channel versions');
  if (s.stage !== 'draft' && (!s.owner || !s.desk || !s.filedAt))
    bad('filed story without owner, desk or filing time');
  if (s.stage === 'spiked') {
    if (!s.spike) bad('spiked story without a spike record');
    for (const v of variants)
      if (v.stage !== 'spiked' && v.stage !== 'vetoed')
        bad(`${v.channel} still ${v.stage} in a spiked story`);
  }
  if (s.stage !== 'spiked' && s.spike) bad('spike record on a story that is not spiked');
  for (const v of variants) for (const m of variantInvariants(v)) bad(`${v.channel}: ${m}`);
  return out;
}

function variantInvariants(v: VariantWorkflow): string[] {
  const out: string[] = [];
  const bad = (m: string) => out.push(m);
  const published = v.publications.length > 0;
  if (v.stage === 'vetoed' && !v.veto) bad('vetoed without a veto record');
  if (v.stage === 'spiked' && !v.spike) bad('spiked without a spike record');
  if ((v.stage === 'scheduled') !== (v.schedule !== null))
    bad(`stage ${v.stage} with schedule ${!!v.schedule}`);
  if (v.stage === 'published' && !published) bad('published without a publication');
  if (['editing', 'sent_back', 'in_review', 'scheduled'].includes(v.stage) && published)
    bad(`back in ${v.stage} after publication`);
  if (['in_review', 'scheduled'].includes(v.stage) && v.submissions.length === 0)
    bad('in review without a submission');
  if (v.stage === 'sent_back' && v.sendBacks.length === 0)
    bad('sent back without a reason on record');

  v.publications.forEach((p, i) => {
    if (p.revision !== i + 1) bad(`publication ${i} has revision ${p.revision}`);
    if ((i === 0) !== (p.kind === 'publish')) bad(`revision ${p.revision} is a ${p.kind}`);
    if (i > 0 && v.publications[i - 1]!.contentHash === p.contentHash)
      bad(`correction ${p.revision} changed nothing`);
  });

  // The heart of it: the first publication carried every step's sign-off of exactly that content.
  const first = v.publications[0];
  if (first) {
    const t = Date.parse(first.at);
    for (const step of v.plan.steps)
      if (
        !v.signOffs.some(
          (s) => s.step === step.id && s.contentHash === first.contentHash && Date.parse(s.at) <= t,
        )
      )
        bad(`published ${first.contentHash.slice(0, 8)} without ${step.id} approving it`);
    const n = v.plan.proofreadRounds;
    if (n > 0) {
      if (
        !v.proofreads.some(
          (p) => p.round === n && p.contentHash === first.contentHash && Date.parse(p.at) <= t,
        )
      )
        bad(`published without proofreading round ${n} on the published content`);
      for (let r = 1; r < n; r++)
        if (!v.proofreads.some((p) => p.round === r && Date.parse(p.at) <= t))
          bad(`published without proofreading round ${r}`);
    }
  }
  if (v.schedule) {
    const t = Date.parse(v.schedule.at);
    for (const step of v.plan.steps)
      if (
        !v.signOffs.some(
          (s) =>
            s.step === step.id &&
            s.contentHash === v.schedule!.contentHash &&
            Date.parse(s.at) <= t,
        )
      )
        bad(`scheduled without ${step.id} approving the scheduled content`);
  }

  // Sign-offs come in chain order for each content, by different people when the plan says so.
  const index = new Map(v.plan.steps.map((s, i) => [s.id, i]));
  v.signOffs.forEach((s, i) => {
    const k = index.get(s.step);
    if (k === undefined) return bad(`sign-off for unknown step ${s.step}`);
    for (let j = 0; j < k; j++) {
      const earlier = v.plan.steps[j]!.id;
      if (
        !v.signOffs.slice(0, i).some((e) => e.step === earlier && e.contentHash === s.contentHash)
      )
        bad(`${s.step} signed before ${earlier} for the same content`);
    }
    if (v.plan.distinctReviewers)
      for (const e of v.signOffs.slice(0, i))
        if (e.by === s.by && e.contentHash === s.contentHash && e.step !== s.step)
          bad(`${s.by} signed both ${e.step} and ${s.step} of the same content`);
  });

  const revisions = new Set(v.publications.map((p) => p.revision));
  const delivered = new Set<number>();
  for (const d of v.deliveries) {
    if (!revisions.has(d.revision)) bad(`delivery for unknown revision ${d.revision}`);
    if (d.outcome === 'delivered') {
      if (delivered.has(d.revision)) bad(`revision ${d.revision} delivered twice`);
      delivered.add(d.revision);
    }
  }
  return out;
}
