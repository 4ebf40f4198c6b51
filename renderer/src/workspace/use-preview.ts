// React's view of the preview hub: one channel's preview and problems.
import { useCallback, useSyncExternalStore } from 'react';
import type { Problem } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { ChannelPreview, PreviewHub } from './preview-hub';

export function usePreview(hub: PreviewHub, channel: ChannelId): ChannelPreview | undefined {
  const subscribe = useCallback((l: () => void) => hub.subscribe(channel, l), [hub, channel]);
  return useSyncExternalStore(subscribe, () => hub.preview(channel));
}

export function useProblems(hub: PreviewHub, channel: ChannelId): Problem[] | undefined {
  const subscribe = useCallback((l: () => void) => hub.subscribe(channel, l), [hub, channel]);
  return useSyncExternalStore(subscribe, () => hub.problemsOf(channel));
}
