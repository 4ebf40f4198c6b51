// The words the Settings page and the sidebar use for the updater: every
// state and error has a sentence in both languages, and the sentence chosen
// fits the status.
import { describe, expect, it } from 'vitest';
import zh from '../../../resources/locales/zh-CN.json';
import en from '../../../resources/locales/en.json';
import { UPDATE_ERROR_CODES, unavailableStatus, type UpdateStatus } from '@shared/updates/status';
import { UPDATE_CHANNELS } from '@shared/updates/feed';
import {
  UPDATE_SENTENCE_KEYS,
  canCheck,
  updateSentence,
} from '../../../renderer/src/updates/update-text';

type Tree = { [k: string]: string | Tree };
const get = (t: Tree, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Tree)[k] : undefined), t);

const base: UpdateStatus = { ...unavailableStatus('1.4.0'), state: 'idle', reason: null };

describe('updater words', () => {
  it('exist in both languages for every sentence, error and channel', () => {
    const keys = [
      ...UPDATE_SENTENCE_KEYS,
      ...UPDATE_ERROR_CODES.map((c) => `updates.errors.${c}`),
      ...UPDATE_CHANNELS.map((c) => `updates.channelName.${c}`),
      'updates.indicator',
      'updates.indicatorLabel',
      'updates.restart',
      'updates.lastError',
      'diagnostics.collect',
    ];
    for (const [name, locale] of [
      ['zh-CN', zh],
      ['en', en],
    ] as const)
      for (const k of keys) expect(typeof get(locale as Tree, k), `${name} ${k}`).toBe('string');
    expect(get(zh as Tree, 'updates.state.ready')).toContain('重启即可更新');
    expect(get(en as Tree, 'updates.restart')).toBe('Restart to update');
  });

  it('pick the sentence for each status', () => {
    expect(updateSentence(unavailableStatus('1.4.0'))).toEqual({
      key: 'updates.state.unavailable_web_host',
      values: {},
    });
    expect(updateSentence({ ...base, state: 'disabled', reason: 'policy_invalid' }).key).toBe(
      'updates.state.disabled_policy_invalid',
    );
    expect(updateSentence(base).key).toBe('updates.state.waiting');
    expect(updateSentence({ ...base, lastCheckAt: '2026-11-20T08:00:00.000Z' }).key).toBe(
      'updates.state.idle',
    );
    expect(
      updateSentence({
        ...base,
        lastError: { code: 'unreachable', at: '2026-11-20T08:00:00.000Z' },
      }).key,
    ).toBe('updates.state.retrying');
    expect(updateSentence({ ...base, heldBack: '1.5.0', pinVersion: '1.4.9' })).toEqual({
      key: 'updates.heldBack',
      values: { version: '1.5.0', pin: '1.4.9' },
    });
    expect(
      updateSentence({
        ...base,
        state: 'downloading',
        available: { version: '1.5.0', releaseDate: null },
        progress: { percent: 42.7, transferred: 1, total: 2, bytesPerSecond: 1 },
      }),
    ).toEqual({ key: 'updates.state.downloading', values: { version: '1.5.0', percent: 42 } });
    expect(
      updateSentence({
        ...base,
        state: 'ready',
        available: { version: '1.5.0', releaseDate: null },
      }),
    ).toEqual({
      key: 'updates.state.ready',
      values: { version: '1.5.0' },
    });
    for (const k of UPDATE_SENTENCE_KEYS) expect(k.startsWith('updates.')).toBe(true);
  });

  it('offer "check now" only when nothing is running', () => {
    expect(canCheck(base)).toBe(true);
    for (const state of ['checking', 'downloading', 'ready', 'disabled', 'unavailable'] as const)
      expect(canCheck({ ...base, state })).toBe(false);
  });
});
