// What each channel's preview and editor get, and what a channel registers
// with the workspace (renderer/src/workspace/channels/index.ts).
import type { ComponentType } from 'react';
import type * as Y from 'yjs';
import type { ChannelContext } from '@shared/channels';

export interface PreviewProps<V> {
  variant: V;
  ctx: ChannelContext;
}

/** How a variant field is edited. Labels come from `variant.fields.<channel>.<field>`. */
export type FieldKind = 'text' | 'multiline' | 'tags' | 'toggle' | 'cards' | 'body' | 'custom';

export interface FieldSpec {
  field: string;
  kind: FieldKind;
  rows?: number;
  /** For `custom`: a component editing the field in the variant's document. */
  Editor?: ComponentType<{ doc: Y.Doc; field: string }>;
}

export interface ChannelUi<V = never> {
  Preview: ComponentType<PreviewProps<V>>;
  /** The fields a desk edits, in the order the editor shows them. */
  fields: readonly FieldSpec[];
  /**
   * A line above the pane's scrolling area that follows the version live
   * (print: the copyfit bar), shown both in preview and while editing.
   */
  Summary?: ComponentType<PreviewProps<V>>;
  /** A channel's own action beside its name (WeChat: copy as rich text). */
  HeaderAction?: ComponentType<{ storyId: string }>;
}
