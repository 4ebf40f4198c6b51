// The workspace's pane layout: how wide the master is, how wide each channel
// pane is, which panes are folded away, whether previews show at all, and
// whether the story information is open. Kept per user in localStorage.
import { CHANNEL_IDS, type ChannelId } from '@shared/domain/channel-ids';

export interface WorkspaceLayout {
  /** Pixels, or null to follow the window (about a third of it). */
  masterWidth: number | null;
  paneWidths: Record<ChannelId, number>;
  collapsed: Record<ChannelId, boolean>;
  previewsHidden: boolean;
  infoOpen: boolean;
  /** The review panel (批注 / 机审 / 核实) beside the panes. */
  reviewOpen: boolean;
}

export const MASTER_MIN = 360;
export const MASTER_MAX = 1400;
export const PANE_MIN = 260;
export const PANE_MAX = 900;
/** What a folded pane keeps on screen: its name, vertically. */
export const COLLAPSED_WIDTH = 40;
/** The review panel's width when open. */
export const REVIEW_WIDTH = 340;

/** Widths that show each channel's frame without clipping it (phone 320, 9:16 frame 270 + cards). */
export const DEFAULT_PANE_WIDTHS: Record<ChannelId, number> = {
  print: 360,
  wechat: 340,
  weibo: 320,
  douyin: 320,
  app: 340,
};

export function defaultLayout(): WorkspaceLayout {
  return {
    masterWidth: null,
    paneWidths: { ...DEFAULT_PANE_WIDTHS },
    collapsed: { print: false, wechat: false, weibo: false, douyin: false, app: false },
    previewsHidden: false,
    infoOpen: false,
    reviewOpen: false,
  };
}

export const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** Room the strip needs around its panes: padding and the gaps between them. */
const STRIP_CHROME = 16;
const PANE_GAP = 8;

/**
 * The master's width when it follows the window. On a wide screen (4K) it
 * takes what is left once every pane fits; otherwise about a third of the
 * workspace, and the panes scroll sideways.
 */
export function autoMasterWidth(available: number, paneWidths: readonly number[] = []): number {
  const panes =
    paneWidths.reduce((a, b) => a + b, 0) +
    Math.max(0, paneWidths.length - 1) * PANE_GAP +
    STRIP_CHROME +
    7; // the splitter
  const left = available - panes;
  if (paneWidths.length && left >= 560) return Math.round(Math.min(760, left));
  return Math.round(clamp(available * 0.36, 440, 560));
}

const KEY = 'rongmei.workspace.layout';

/** The stored layout, with anything missing or out of range replaced by the default. */
export function loadLayout(storage: Pick<Storage, 'getItem'> | null): WorkspaceLayout {
  const d = defaultLayout();
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    return d;
  }
  if (typeof raw !== 'object' || raw === null) return d;
  const r = raw as Partial<Record<keyof WorkspaceLayout, unknown>>;
  const num = (v: unknown, fallback: number, min: number, max: number) =>
    typeof v === 'number' && Number.isFinite(v) ? clamp(v, min, max) : fallback;
  const widths = (r.paneWidths ?? {}) as Record<string, unknown>;
  const collapsed = (r.collapsed ?? {}) as Record<string, unknown>;
  return {
    masterWidth:
      typeof r.masterWidth === 'number' && Number.isFinite(r.masterWidth)
        ? clamp(r.masterWidth, MASTER_MIN, MASTER_MAX)
        : null,
    paneWidths: Object.fromEntries(
      CHANNEL_IDS.map((c) => [c, num(widths[c], d.paneWidths[c], PANE_MIN, PANE_MAX)]),
    ) as Record<ChannelId, number>,
    collapsed: Object.fromEntries(CHANNEL_IDS.map((c) => [c, collapsed[c] === true])) as Record<
      ChannelId,
      boolean
    >,
    previewsHidden: r.previewsHidden === true,
    infoOpen: r.infoOpen === true,
    reviewOpen: r.reviewOpen === true,
  };
}

export function saveLayout(
  storage: Pick<Storage, 'setItem'> | null,
  layout: WorkspaceLayout,
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(layout));
  } catch {
    // A full or blocked storage only loses the layout, never work.
  }
}
