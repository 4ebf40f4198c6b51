// One variant document open in the renderer: its Y.Doc, the provider that
// keeps it in step with the host, and (for previews) its live reading.
import * as Y from 'yjs';
import { getChannel } from '@shared/channels';
import { variantDocId } from '@shared/body/story-doc';
import type { ChannelId } from '@shared/domain/channel-ids';
import { LiveVariant } from '@shared/variants/live';
import { HostDocProvider } from '../story/host-doc-provider';
import type { HostClient } from '../host/client';

export interface VariantConnection {
  channel: ChannelId;
  doc: Y.Doc;
  provider: HostDocProvider;
  live: LiveVariant;
  /** Resolves once the host's state is in the document. */
  ready: Promise<void>;
  close(): void;
}

/** Opens a variant document for reading (previews, problems); the host relays every edit to it. */
export function openVariant(
  host: HostClient,
  storyId: string,
  channel: ChannelId,
): VariantConnection {
  const doc = new Y.Doc();
  const provider = new HostDocProvider(variantDocId(storyId, channel), doc, host);
  const live = new LiveVariant(doc, getChannel(channel)!.docLayout);
  const ready = provider.connect();
  return {
    channel,
    doc,
    provider,
    live,
    ready,
    close: () => {
      live.dispose();
      provider.disconnect();
      doc.destroy();
    },
  };
}
