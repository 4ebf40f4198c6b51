// The review side panel: 批注 (comments and suggestions), 机审 (machine
// pre-scan, live), 核实 (sources, claims, image provenance). Comments and
// blocking findings are painted over the master's text whichever tab is open.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { project } from '@shared/annotations';
import type { ProblemLocation } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { PreviewHub } from '../workspace/preview-hub';
import { ReviewProvider } from './review-context';
import { CommentsTab } from './CommentsTab';
import { ScanTab } from './ScanTab';
import { VerifyTab } from './VerifyTab';
import { WorkflowTab } from '../workflow/WorkflowTab';
import { useWorkflowState } from '../workflow/use-workflow';
import {
  bodyEditable,
  paintBodies,
  versionEditable,
  type Mark,
  type PaintGroup,
} from './master-dom';
import { useAllAnnotations, useVersionDocs } from './use-annotations';
import { useScan } from './use-scan';
import { useScanner } from './scanner';

export type ReviewTab = 'comments' | 'scan' | 'verify' | 'workflow';
const TABS: ReviewTab[] = ['comments', 'scan', 'verify', 'workflow'];

/**
 * A count on a tab. Its room is kept while the count is 0 (and the selected
 * tab's bold label is measured in advance, see .rv-tab-label): counts arrive
 * after the panel opens, and tabs that moved then sent clicks to the
 * neighbouring tab.
 */
function TabBadge({ n, className, label }: { n: number; className: string; label?: string }) {
  if (n <= 0) return <span className="rv-tab-count rv-tab-count-empty" aria-hidden="true" />;
  return (
    <span className={`rv-tab-count ${className}`} aria-label={label}>
      {n}
    </span>
  );
}
/** After a version's text changes, the workflow view is read again this much later. */
const WORKFLOW_EDIT_DELAY_MS = 600;

interface Props {
  storyId: string;
  doc: Y.Doc;
  hub: PreviewHub;
  channels: readonly ChannelId[];
  master: () => HTMLElement | null;
  /** Versions being edited in their panes: comments can be made on their bodies too. */
  editing: readonly ChannelId[];
  onJumpVariant: (channel: ChannelId, at: ProblemLocation) => void;
}

export function ReviewPanel({
  storyId,
  doc,
  hub,
  channels,
  master,
  editing,
  onJumpVariant,
}: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<ReviewTab>('comments');
  const [active, setActive] = useState<string | null>(null);
  const versions = useVersionDocs(storyId, editing);
  const annotations = useAllAnnotations(doc, versions);
  const masterAnnotations = useMemo(
    () => annotations.filter((a) => a.channel === null),
    [annotations],
  );
  const scanner = useScanner();
  const scan = useScan(doc, hub, channels, scanner);
  const wf = useWorkflowState(storyId);
  // A version's text changed (here or from another person): its hash, and so its STALE
  // marks and the actions allowed, may have too. Look again once typing pauses.
  const refreshWorkflow = wf.refresh;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(refreshWorkflow, WORKFLOW_EDIT_DELAY_MS);
    };
    const offs = channels.map((c) => hub.subscribe(c, later));
    return () => {
      offs.forEach((off) => off());
      if (timer !== null) clearTimeout(timer);
    };
  }, [hub, channels, refreshWorkflow]);
  // Signed in, the newsroom's people can be @mentioned by name.
  const people = useMemo(
    () => wf.data?.directory.people.filter((p) => p.active).map((p) => p.name) ?? [],
    [wf.data],
  );

  // The title field last focused in the master: its selection outlives the focus.
  const lastInput = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const el = e.target;
      if (
        (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) &&
        master()?.contains(el)
      )
        lastInput.current = el;
      else if (el instanceof HTMLElement && el.isContentEditable && master()?.contains(el))
        lastInput.current = null;
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [master]);
  const getLastInput = useCallback(() => lastInput.current, []);

  // Highlights over the body: open comments, the one in hand, blocking findings.
  useEffect(() => {
    const paint = () => {
      const marksOf = (channel: ChannelId | null): Mark[] =>
        annotations
          .filter(
            (a) =>
              a.channel === channel &&
              a.status === 'open' &&
              a.anchor.segment === 'body' &&
              a.placement.state !== 'orphaned',
          )
          .map((a) => ({
            start: a.placement.state === 'orphaned' ? 0 : a.placement.start,
            end: a.placement.state === 'orphaned' ? 0 : a.placement.end,
            kind: a.id === active ? ('active' as const) : ('comment' as const),
          }));
      const marks = marksOf(null);
      const p = project(doc, 'body');
      const masterScan = scan?.find((r) => r.channel === null);
      if (p && masterScan) {
        const offsets = new Map(p.blocks.map((b) => [b.id, b.offset]));
        for (const f of masterScan.report.findings) {
          const at = offsets.get(f.range.segment);
          if (f.severity === 'block' && at !== undefined)
            marks.push({ start: at + f.range.start, end: at + f.range.end, kind: 'block' });
        }
      }
      const m = master();
      const groups: PaintGroup[] = [{ editable: m && bodyEditable(m), p, marks }];
      const root = m?.closest('.workspace') ?? document;
      for (const [c, vdoc] of versions)
        groups.push({
          editable: versionEditable(root, c),
          p: project(vdoc, 'body'),
          marks: marksOf(c),
        });
      paintBodies(groups);
    };
    const frame = requestAnimationFrame(paint);
    return () => cancelAnimationFrame(frame);
  }, [annotations, scan, active, doc, master, versions]);
  useEffect(() => () => paintBodies([]), []);

  const openCount = annotations.filter((a) => a.status === 'open').length;
  const blocking = scan?.reduce((n, r) => n + r.report.counts.block, 0) ?? 0;
  return (
    <ReviewProvider storyId={storyId} doc={doc} master={master}>
      <aside className="review-panel" aria-label={t('review.title')}>
        <div className="rv-tabs" role="tablist" aria-label={t('review.title')}>
          {TABS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              id={`rv-tab-${k}`}
              aria-controls={`rv-panel-${k}`}
              aria-selected={tab === k}
              tabIndex={tab === k ? 0 : -1}
              className="rv-tab"
              onClick={() => setTab(k)}
              onKeyDown={(e) => {
                const i = TABS.indexOf(k);
                if (e.key === 'ArrowRight') setTab(TABS[(i + 1) % TABS.length]!);
                if (e.key === 'ArrowLeft') setTab(TABS[(i + TABS.length - 1) % TABS.length]!);
              }}
            >
              <span className="rv-tab-label" data-text={t(`review.tab.${k}`)}>
                {t(`review.tab.${k}`)}
              </span>
              {k === 'comments' && <TabBadge n={openCount} className="rv-count" />}
              {k === 'scan' && (
                <TabBadge
                  n={blocking}
                  className="sev sev-block"
                  label={t('review.scan.blocks', { n: blocking })}
                />
              )}
            </button>
          ))}
        </div>
        <div
          className="rv-body"
          role="tabpanel"
          id={`rv-panel-${tab}`}
          aria-labelledby={`rv-tab-${tab}`}
        >
          {tab === 'comments' && (
            <CommentsTab
              annotations={annotations}
              active={active}
              onActive={setActive}
              lastInput={getLastInput}
              directory={people}
              versions={versions}
            />
          )}
          {tab === 'scan' && <ScanTab results={scan} onJumpVariant={onJumpVariant} />}
          {tab === 'verify' && <VerifyTab lastInput={getLastInput} />}
          {tab === 'workflow' && (
            <WorkflowTab wf={wf} annotations={masterAnnotations} lastInput={getLastInput} />
          )}
        </div>
      </aside>
    </ReviewProvider>
  );
}
