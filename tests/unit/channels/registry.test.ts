import { describe, expect, it } from 'vitest';
import { CHANNELS } from '@shared/channels';
import { CHANNEL_IDS } from '@shared/domain/channel-ids';

describe('channel registry', () => {
  it('registers exactly one module for each channel id the workflow knows', () => {
    expect(CHANNELS.map((c) => c.id)).toEqual([...CHANNEL_IDS]);
  });
});
