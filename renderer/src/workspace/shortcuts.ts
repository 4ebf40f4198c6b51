// Keyboard shortcuts of the workspace, as data: the handler and the help
// panel both read this list, so what the help says is what the keys do.
import { CHANNEL_IDS, type ChannelId } from '@shared/domain/channel-ids';

export type WorkspaceAction =
  | { kind: 'jump'; to: 'master' | ChannelId }
  | { kind: 'togglePreviews' }
  | { kind: 'toggleEdit' }
  | { kind: 'export' };

export interface Shortcut {
  /** Shown in the help, e.g. "Alt+1". */
  keys: string;
  /** i18n key of what it does; `{channel}` is filled for jumps. */
  label: string;
  action: WorkspaceAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Alt+0', label: 'workspace.shortcut.master', action: { kind: 'jump', to: 'master' } },
  ...CHANNEL_IDS.map((c, i): Shortcut => ({
    keys: `Alt+${i + 1}`,
    label: 'workspace.shortcut.channel',
    action: { kind: 'jump', to: c },
  })),
  { keys: 'Alt+E', label: 'workspace.shortcut.edit', action: { kind: 'toggleEdit' } },
  { keys: 'Alt+P', label: 'workspace.shortcut.previews', action: { kind: 'togglePreviews' } },
  { keys: 'Alt+X', label: 'workspace.shortcut.export', action: { kind: 'export' } },
];

interface KeyLike {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

/** The action for a key press, or null. Uses `code` so Option on a Mac (which types ¡™£) still works. */
export function shortcutFor(e: KeyLike): WorkspaceAction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing) return null;
  const code = e.code ?? '';
  const digit = /^Digit(\d)$/.exec(code)?.[1] ?? (/^\d$/.test(e.key) ? e.key : null);
  const letter = /^Key([A-Z])$/.exec(code)?.[1] ?? e.key.toUpperCase();
  const keys = digit !== null ? `Alt+${digit}` : `Alt+${letter}`;
  return SHORTCUTS.find((s) => s.keys === keys)?.action ?? null;
}

/** aria-keyshortcuts for a jump target, e.g. "Alt+2". */
export function jumpKeys(to: 'master' | ChannelId): string {
  return SHORTCUTS.find((s) => s.action.kind === 'jump' && s.action.to === to)?.keys ?? '';
}
