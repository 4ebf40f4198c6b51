// The workspace: the master story on one side, every channel's version side
// by side on the other, updating while anyone types. Previews read the
// in-memory documents (the master's, and an edited variant's own), never the
// host; the host is asked only to derive, pull, dismiss, export and store.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileButton } from '../story/FileButton';
import * as Y from 'yjs';
import type { ProblemLocation } from '@shared/channels';
import { getChannel } from '@shared/channels';
import { storyDocId } from '@shared/body/story-doc';
import { CHANNEL_IDS, type ChannelId } from '@shared/domain/channel-ids';
import type { StorySummary } from '@shared/domain/story';
import { LiveMaster } from '@shared/variants/live';
import { useHost } from '../app/host-context';
import { HostDocProvider } from '../story/host-doc-provider';
import { errorText } from '../common/error-text';
import { formatDateTime } from '../i18n/format';
import { MasterPane } from './MasterPane';
import { ChannelPane } from './ChannelPane';
import { ChannelMenu } from './ChannelMenu';
import { ShortcutHelp } from './ShortcutHelp';
import { ExportDialog } from './ExportDialog';
import { Splitter } from './Splitter';
import { PreviewHub, markPreviews } from './preview-hub';
import { useVariants } from './use-variants';
import { openVariant, type VariantConnection } from './variant-connection';
import {
  COLLAPSED_WIDTH,
  MASTER_MAX,
  MASTER_MIN,
  REVIEW_WIDTH,
  autoMasterWidth,
  defaultLayout,
  loadLayout,
  saveLayout,
  type WorkspaceLayout,
} from './layout';
import { jumpKeys, shortcutFor, type WorkspaceAction } from './shortcuts';
import { countBySeverity } from './problems';
import { useProblems } from './use-preview';
import { useElementWidth } from './use-element-width';
import { ReviewPanel } from '../review/ReviewPanel';

const storage = () => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * Whether the header shows the same facts. Every autosave reports the story
 * changed (its 字数 and time); re-rendering the whole workspace for that
 * would cost each keystroke a walk of every pane.
 */
function sameHeader(a: StorySummary, b: StorySummary): boolean {
  return (
    a.id === b.id &&
    a.status === b.status &&
    a.createdAt === b.createdAt &&
    a.pendingCommand === b.pendingCommand &&
    a.trashedAt === b.trashedAt
  );
}

/** A channel tab in the header: jumps to its pane, shows its blocking problems. */
const ChannelTab = memo(function ChannelTab({
  hub,
  channel,
  name,
  onJump,
}: {
  hub: PreviewHub;
  channel: ChannelId;
  name: string;
  onJump: (c: ChannelId) => void;
}) {
  const { t } = useTranslation();
  const counts = countBySeverity(useProblems(hub, channel));
  const keys = jumpKeys(channel);
  return (
    <button
      type="button"
      className="tab"
      onClick={() => onJump(channel)}
      aria-keyshortcuts={keys}
      title={t('workspace.jumpTo', { channel: name, keys })}
    >
      {name}
      {counts.block > 0 && (
        <span
          className="sev sev-block"
          aria-label={t('workspace.problems.blocks', { count: counts.block, n: counts.block })}
        >
          {counts.block}
        </span>
      )}
    </button>
  );
});

export function WorkspaceView({ storyId, onBack }: { storyId: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const host = useHost();
  const [summary, setSummary] = useState<StorySummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [synced, setSynced] = useState(false);
  const [layout, setLayout] = useState<WorkspaceLayout>(() => loadLayout(storage()));
  const [editing, setEditing] = useState<Partial<Record<ChannelId, ProblemLocation | null>>>({});
  const [exporting, setExporting] = useState(false);
  const [lastPane, setLastPane] = useState<ChannelId | null>(null);
  const strip = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const variants = useVariants(host, storyId);
  const bodyWidth = useElementWidth(body);

  const { doc, provider, hub, live } = useMemo(() => {
    const d = new Y.Doc();
    const l = new LiveMaster(d, storyId);
    return {
      doc: d,
      provider: new HostDocProvider(storyDocId(storyId), d, host),
      live: l,
      hub: new PreviewHub(l, { storyId }),
    };
  }, [storyId, host]);
  useEffect(
    () => () => {
      hub.dispose();
      live.dispose();
    },
    [hub, live],
  );
  // A mark per frame of previews handed to React, for the typing benchmark.
  useEffect(() => {
    hub.setOnFlushed(() => queueMicrotask(markPreviews));
    return () => hub.setOnFlushed(null);
  }, [hub]);

  useEffect(() => saveLayout(storage(), layout), [layout]);

  // ---- the story's summary (header) and the master document ----------------
  useEffect(() => {
    let alive = true;
    host.call('stories.get', { id: storyId }).then(
      (s) => alive && setSummary(s),
      (err: unknown) => alive && setError(err),
    );
    const off = host.on('stories.changed', ({ ids }) => {
      if (ids.includes(storyId))
        void host.call('stories.get', { id: storyId }).then(
          (s) => alive && setSummary((prev) => (prev && sameHeader(prev, s) ? prev : s)),
          () => undefined,
        );
    });
    return () => {
      alive = false;
      off();
    };
  }, [host, storyId]);

  useEffect(() => {
    const onSync = (ok: boolean) => ok && setSynced(true);
    provider.on('sync', onSync as (a: never) => void);
    const offStorage = host.on('storage.status', (s) => {
      if (!s.writable && s.code) provider.noteStorageProblem(s.code);
    });
    const flush = () => provider.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      provider.off('sync', onSync as (a: never) => void);
      offStorage();
      window.removeEventListener('pagehide', flush);
    };
  }, [provider, host]);

  // ---- which channels show, and from what ---------------------------------
  const list = variants.list;
  const enabled = useMemo(
    () => CHANNEL_IDS.filter((c) => list?.variants.find((v) => v.channel === c)?.enabled !== false),
    [list],
  );
  // Panes scrolled out of the strip's view are not redrawn on every keystroke;
  // they catch up the moment they scroll in (their checks run regardless).
  const [inView, setInView] = useState<ReadonlySet<ChannelId>>(() => new Set(CHANNEL_IDS));
  useEffect(() => {
    const root = strip.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) =>
        setInView((prev) => {
          const next = new Set(prev);
          for (const e of entries) {
            const c = (e.target as HTMLElement).dataset.channel as ChannelId | undefined;
            if (!c) continue;
            if (e.isIntersecting) next.add(c);
            else next.delete(c);
          }
          return next.size === prev.size && [...next].every((c) => prev.has(c)) ? prev : next;
        }),
      { root, rootMargin: '0px 200px' },
    );
    root.querySelectorAll('[data-channel]').forEach((el) => io.observe(el));
    return () => io.disconnect();
  }, [layout.previewsHidden, layout.collapsed, enabled]);
  const visible = useMemo(
    () =>
      layout.previewsHidden ? [] : enabled.filter((c) => !layout.collapsed[c] && inView.has(c)),
    [enabled, layout.previewsHidden, layout.collapsed, inView],
  );
  useEffect(() => {
    if (list) hub.setContext(list.context);
  }, [hub, list]);
  useEffect(() => {
    hub.setEnabled(list ? enabled : []);
  }, [hub, list, enabled]);
  useEffect(() => {
    hub.setActive(synced ? visible : []);
  }, [hub, synced, visible]);

  // An edited version (or one being edited) previews from its own document.
  const needViewer = useMemo(
    () =>
      enabled.filter((c) => {
        const s = variants.state(c);
        return s?.derived && (s.edited || editing[c] !== undefined);
      }),
    [enabled, variants, editing],
  );
  const viewers = useRef(new Map<ChannelId, VariantConnection>());
  useEffect(() => {
    const open = viewers.current;
    for (const c of needViewer) {
      if (open.has(c)) continue;
      const conn = openVariant(host, storyId, c);
      open.set(c, conn);
      void conn.ready.then(
        () => open.get(c) === conn && hub.setVariantSource(c, conn.live),
        () => undefined,
      );
    }
    for (const [c, conn] of open) {
      if (needViewer.includes(c)) continue;
      open.delete(c);
      hub.setVariantSource(c, null);
      conn.close();
    }
  }, [needViewer, host, storyId, hub]);
  useEffect(
    () => () => {
      for (const conn of viewers.current.values()) conn.close();
      viewers.current.clear();
    },
    [],
  );
  // A version nobody edited follows the master: bring an open one up to date —
  // but not one open in its editor: the desk's first change may still be on
  // its way to the host, and a fresh derivation would land on top of it.
  useEffect(() => {
    const stale = needViewer.filter((c) => {
      const s = variants.state(c);
      return s && !s.edited && s.masterChanged && editing[c] === undefined;
    });
    if (!stale.length) return;
    const timer = setTimeout(() => {
      for (const c of stale)
        void host
          .call('variants.derive', { storyId, channel: c })
          .then(variants.put, () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [needViewer, variants, host, storyId, editing]);

  // ---- editing a version in place --------------------------------------------
  const startEdit = useCallback(
    async (c: ChannelId, target: ProblemLocation | null) => {
      const s = variants.state(c);
      if (!s?.derived || (!s.edited && s.masterChanged)) {
        try {
          variants.put(await host.call('variants.derive', { storyId, channel: c }));
        } catch (err) {
          setError(err);
          return;
        }
      }
      setEditing((e) => ({ ...e, [c]: target }));
      setLastPane(c);
    },
    [variants, host, storyId],
  );
  const stopEdit = useCallback((c: ChannelId) => {
    setEditing((e) => {
      const next = { ...e };
      delete next[c];
      return next;
    });
  }, []);

  const editingChannels = useMemo(
    () => CHANNEL_IDS.filter((c) => editing[c] !== undefined),
    [editing],
  );
  const masterElement = useCallback(
    () => body.current?.querySelector<HTMLElement>('.master') ?? null,
    [],
  );
  const toggleInfo = useCallback(() => setLayout((l) => ({ ...l, infoOpen: !l.infoOpen })), []);
  const editPane = useCallback(
    (c: ChannelId, target: ProblemLocation | null) => void startEdit(c, target),
    [startEdit],
  );
  const targetDone = useCallback(
    (c: ChannelId) => setEditing((e) => (e[c] ? { ...e, [c]: null } : e)),
    [],
  );
  const toggleCollapse = useCallback(
    (c: ChannelId) =>
      setLayout((l) => ({ ...l, collapsed: { ...l.collapsed, [c]: !l.collapsed[c] } })),
    [],
  );
  const resizePane = useCallback(
    (c: ChannelId, w: number) =>
      setLayout((l) => ({ ...l, paneWidths: { ...l.paneWidths, [c]: w } })),
    [],
  );

  // ---- layout ------------------------------------------------------------------
  const patchLayout = useCallback(
    (p: Partial<WorkspaceLayout>) => setLayout((l) => ({ ...l, ...p })),
    [],
  );
  const jump = useCallback(
    (to: 'master' | ChannelId) => {
      if (to === 'master') {
        body.current?.querySelector<HTMLElement>('.master [contenteditable="true"]')?.focus();
        return;
      }
      if (!enabled.includes(to)) return;
      setLayout((l) => ({
        ...l,
        previewsHidden: false,
        collapsed: { ...l.collapsed, [to]: false },
      }));
      setLastPane(to);
      requestAnimationFrame(() => {
        const pane = strip.current?.querySelector<HTMLElement>(`[data-channel="${to}"]`);
        pane?.scrollIntoView({ inline: 'nearest', block: 'nearest' });
        pane?.focus({ preventScroll: true });
      });
    },
    [enabled],
  );
  const act = useCallback(
    (a: WorkspaceAction) => {
      if (a.kind === 'jump') jump(a.to);
      else if (a.kind === 'togglePreviews')
        setLayout((l) => ({ ...l, previewsHidden: !l.previewsHidden }));
      else if (a.kind === 'export') setExporting(true);
      else if (a.kind === 'toggleEdit') {
        const focused = (document.activeElement as HTMLElement | null)
          ?.closest('[data-channel]')
          ?.getAttribute('data-channel') as ChannelId | null | undefined;
        const c = focused ?? lastPane;
        if (!c || !enabled.includes(c)) return;
        if (editing[c] !== undefined) stopEdit(c);
        else void startEdit(c, null);
      }
    },
    [jump, lastPane, enabled, editing, stopEdit, startEdit],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = shortcutFor(e);
      if (!a) return;
      e.preventDefault();
      act(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act]);

  if (error && !summary) {
    return (
      <section className="story-missing" role="alert">
        <p>{errorText(t, error)}</p>
        <button type="button" onClick={onBack}>
          {t('story.backToLibrary')}
        </button>
      </section>
    );
  }

  const ctx = list?.context ?? { storyId };
  const masterWidth =
    layout.masterWidth ??
    autoMasterWidth(
      bodyWidth - (layout.reviewOpen ? REVIEW_WIDTH : 0),
      enabled.map((c) => (layout.collapsed[c] ? COLLAPSED_WIDTH : layout.paneWidths[c])),
    );
  return (
    <section className="story workspace" aria-label={t('story.editorLabel')}>
      <header className="story-header">
        <button type="button" className="back" onClick={onBack}>
          ← {t('nav.library')}
        </button>
        {summary && (
          <span className="story-facts">
            <span className={`status status-${summary.status}`}>
              {t(`status.${summary.status}`)}
            </span>
            <span>
              {t('story.createdAt', { when: formatDateTime(summary.createdAt, i18n.language) })}
            </span>
            {summary.pendingCommand && <span className="pending">{t('sync.pendingCommand')}</span>}
            {summary.trashedAt && <span className="in-trash">{t('story.inTrash')}</span>}
          </span>
        )}
        {summary && <FileButton story={summary} />}
        <nav className="tabs" aria-label={t('workspace.tabs')}>
          {!layout.previewsHidden &&
            enabled.map((c) => (
              <ChannelTab
                key={c}
                hub={hub}
                channel={c}
                name={getChannel(c)!.name[lang]}
                onJump={jump}
              />
            ))}
        </nav>
        <span className="header-spacer" />
        <ChannelMenu storyId={storyId} state={variants.state} onState={variants.put} />
        <button
          type="button"
          aria-pressed={!layout.previewsHidden}
          aria-keyshortcuts="Alt+P"
          onClick={() => patchLayout({ previewsHidden: !layout.previewsHidden })}
        >
          {t('workspace.previews')}
        </button>
        <button
          type="button"
          aria-pressed={layout.reviewOpen}
          onClick={() => patchLayout({ reviewOpen: !layout.reviewOpen })}
        >
          {t('review.open')}
        </button>
        <button
          type="button"
          aria-keyshortcuts="Alt+X"
          disabled={!enabled.length}
          onClick={() => setExporting(true)}
        >
          {t('workspace.export.open')}
        </button>
        <ShortcutHelp />
      </header>
      <div className="workspace-body" ref={body}>
        <div
          className={layout.previewsHidden ? 'master-column' : 'master-column master-sized'}
          style={layout.previewsHidden ? undefined : { flexBasis: masterWidth }}
        >
          <MasterPane
            doc={doc}
            provider={provider}
            synced={synced}
            infoOpen={layout.infoOpen}
            onToggleInfo={toggleInfo}
          />
        </div>
        {!layout.previewsHidden && (
          <>
            <Splitter
              label={t('workspace.resizeMaster')}
              value={masterWidth}
              min={MASTER_MIN}
              max={MASTER_MAX}
              onChange={(w) => patchLayout({ masterWidth: w })}
              onReset={() => patchLayout({ masterWidth: defaultLayout().masterWidth })}
            />
            <div
              className="strip"
              ref={strip}
              aria-label={t('workspace.previewsLabel')}
              role="region"
            >
              {enabled.length === 0 && <p className="strip-empty">{t('workspace.noChannels')}</p>}
              {enabled.map((c) => (
                <ChannelPane
                  key={c}
                  storyId={storyId}
                  channel={c}
                  state={variants.state(c)}
                  revision={list?.revision ?? ''}
                  hub={hub}
                  ctx={ctx}
                  width={layout.collapsed[c] ? COLLAPSED_WIDTH : layout.paneWidths[c]}
                  collapsed={layout.collapsed[c]}
                  editing={editing[c] !== undefined}
                  target={editing[c] ?? null}
                  onToggleCollapse={toggleCollapse}
                  onResize={resizePane}
                  onEdit={editPane}
                  onDone={stopEdit}
                  onTargetDone={targetDone}
                  onState={variants.put}
                />
              ))}
            </div>
          </>
        )}
        {layout.reviewOpen && (
          <ReviewPanel
            storyId={storyId}
            doc={doc}
            hub={hub}
            channels={enabled}
            master={masterElement}
            editing={editingChannels}
            onJumpVariant={editPane}
          />
        )}
      </div>
      {exporting && (
        <ExportDialog storyId={storyId} channels={enabled} onClose={() => setExporting(false)} />
      )}
    </section>
  );
}
