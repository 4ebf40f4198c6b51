import { describe, expect, it } from 'vitest';
import {
  actionInputs,
  fillCommand,
  initialValues,
  isOneClick,
  localBehind,
  withCurrentHash,
} from '../../../renderer/src/workflow/action-form';
import { parseRoute, routeHash } from '../../../renderer/src/app/routes';
import type { WorkflowCommand } from '@shared/workflow/commands';

const STORY = '0190a5b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b';
const PROBE_ID = '00000000-0000-7000-8000-000000000000';
const CMD_ID = '0190a5b2-7c3d-7e4f-8a5b-6c7d8e9f0a2c';
const HASH = 'a'.repeat(64);

const sendBack: WorkflowCommand = {
  commandId: PROBE_ID,
  storyId: STORY,
  type: 'send_back',
  channel: 'wechat',
  reason: '…',
  anchors: [],
};
const signOff: WorkflowCommand = {
  commandId: PROBE_ID,
  storyId: STORY,
  type: 'sign_off',
  channel: 'wechat',
  step: 'first',
  contentHash: HASH,
  comment: '…',
};
const publish: WorkflowCommand = {
  commandId: PROBE_ID,
  storyId: STORY,
  type: 'publish',
  channel: 'app',
  contentHash: HASH,
};

describe('workflow action forms', () => {
  it('asks for a reason and anchors on a send-back, nothing on a publish', () => {
    expect(actionInputs(sendBack)).toEqual([
      { kind: 'text', field: 'reason', required: true },
      { kind: 'anchors' },
    ]);
    expect(isOneClick(publish)).toBe(true);
    expect(actionInputs(signOff)).toEqual([{ kind: 'text', field: 'comment', required: false }]);
  });

  it('never sends the probe’s placeholder text, and refuses an empty reason', () => {
    const v = initialValues(sendBack);
    expect(v.text).toBe('');
    expect(fillCommand(sendBack, v, CMD_ID)).toBeNull();
    const anchor = { segment: 'body', quote: '价格稳中有升' };
    const cmd = fillCommand(sendBack, { ...v, text: ' 数据来源不明 ', anchors: [anchor] }, CMD_ID);
    expect(cmd).toMatchObject({
      commandId: CMD_ID,
      type: 'send_back',
      reason: '数据来源不明',
      anchors: [anchor],
    });
  });

  it('sends a sign-off with an empty comment, with the probe’s content hash', () => {
    const cmd = fillCommand(signOff, initialValues(signOff), CMD_ID);
    expect(cmd).toMatchObject({ type: 'sign_off', comment: '', contentHash: HASH, step: 'first' });
  });
});

describe('queue routes', () => {
  it('round-trips', () => {
    expect(parseRoute(routeHash({ name: 'queue', queue: 'waitingForMyReview' }))).toEqual({
      name: 'queue',
      queue: 'waitingForMyReview',
    });
  });
});

describe('the hash a command names', () => {
  const NEW = 'b'.repeat(64);
  const view = (local: { hash: string; synced: boolean }[], server = NEW) => ({
    content: [{ channel: 'wechat', hash: server }],
    local: local.map((l) => ({ channel: 'wechat', ...l })),
  });

  it('takes the server hash when this computer holds exactly that content', () => {
    const cmd = withCurrentHash(signOff, view([{ hash: NEW, synced: true }]));
    expect(cmd).toMatchObject({ type: 'sign_off', contentHash: NEW });
  });

  it('keeps the hash seen while the copy here differs, is unsent, or is not held', () => {
    expect(withCurrentHash(signOff, view([{ hash: 'c'.repeat(64), synced: true }]))).toBe(signOff);
    expect(withCurrentHash(signOff, view([{ hash: NEW, synced: false }]))).toBe(signOff);
    expect(withCurrentHash(signOff, view([]))).toBe(signOff);
    expect(withCurrentHash(sendBack, view([{ hash: NEW, synced: true }]))).toBe(sendBack);
  });

  it('is behind while an edit here has not reached the server', () => {
    expect(localBehind(view([{ hash: NEW, synced: true }]))).toBe(false);
    expect(localBehind(view([{ hash: NEW, synced: false }]))).toBe(true);
    expect(localBehind(view([{ hash: HASH, synced: true }]))).toBe(true);
    expect(localBehind(view([]))).toBe(false);
    expect(localBehind(null)).toBe(false);
  });
});
