// What the updater's status says in words: the i18n key and values for the
// one sentence the Settings page and the sidebar show. Pure, so it is tested
// without a browser.
import type { UpdateStatus } from '@shared/updates/status';

export interface Sentence {
  key: string;
  values: Record<string, string | number>;
}

/** The main line: where the updater stands. */
export function updateSentence(s: UpdateStatus): Sentence {
  switch (s.state) {
    case 'unavailable':
    case 'disabled':
      return { key: `updates.state.${s.state}_${s.reason ?? 'policy'}`, values: {} };
    case 'checking':
      return { key: 'updates.state.checking', values: {} };
    case 'downloading':
      return {
        key: 'updates.state.downloading',
        values: {
          version: s.available?.version ?? '',
          percent: Math.floor(s.progress?.percent ?? 0),
        },
      };
    case 'ready':
      return { key: 'updates.state.ready', values: { version: s.available?.version ?? '' } };
    case 'idle':
      if (s.heldBack)
        return {
          key: 'updates.heldBack',
          values: { version: s.heldBack, pin: s.pinVersion ?? '' },
        };
      if (s.lastError) return { key: 'updates.state.retrying', values: {} };
      return { key: s.lastCheckAt ? 'updates.state.idle' : 'updates.state.waiting', values: {} };
  }
}

/** Every key updateSentence can return, for the locale test. */
export const UPDATE_SENTENCE_KEYS = [
  'updates.state.unavailable_web_host',
  'updates.state.unavailable_development',
  'updates.state.disabled_policy',
  'updates.state.disabled_policy_invalid',
  'updates.state.disabled_no_feed',
  'updates.state.checking',
  'updates.state.downloading',
  'updates.state.ready',
  'updates.state.idle',
  'updates.state.waiting',
  'updates.state.retrying',
  'updates.heldBack',
] as const;

export function canCheck(s: UpdateStatus): boolean {
  return s.state === 'idle';
}
