// Each channel's preview and the fields its desk edits, keyed by channel id.
// A new channel adds a folder here beside its shared/channels module.
import { memo, type ComponentType } from 'react';
import type { ChannelId } from '@shared/domain/channel-ids';
import { PrintFitSummary, PrintPreview } from './print/PrintPreview';
import { WechatPreview } from './wechat/WechatPreview';
import { WechatCopyButton } from './wechat/WechatCopyButton';
import { WeiboPreview } from './weibo/WeiboPreview';
import { DouyinPreview } from './douyin/DouyinPreview';
import { AppPreview } from './app/AppPreview';
import { PrintLayoutEditor } from '../editor/PrintLayoutEditor';
import { CardsEditor } from '../editor/CardsEditor';
import type { ChannelUi, PreviewProps } from './types';
import { makeCropEditor } from '../../photos/CropEditor';

const WechatCoverCrop = makeCropEditor([
  { key: 'crop235', ratio: 2.35, label: 'photos.crop.ratio235' },
  { key: 'crop11', ratio: 1, label: 'photos.crop.ratio11' },
]);
const DouyinCoverCrop = makeCropEditor([
  { key: 'crop', ratio: 9 / 16, label: 'photos.crop.ratio916', rendition: true },
]);

// Previews are memoised: a pane re-renders its preview only when the variant changed.
const ui = <V>(u: ChannelUi<V>) =>
  ({
    ...u,
    Preview: memo(u.Preview),
    Summary: u.Summary && memo(u.Summary),
  }) as unknown as ChannelUi<unknown>;

export const CHANNEL_UI: Record<ChannelId, ChannelUi<unknown>> = {
  print: ui({
    Preview: PrintPreview,
    Summary: PrintFitSummary,
    fields: [
      { field: 'kicker', kind: 'text' },
      { field: 'headline', kind: 'text' },
      { field: 'subheadline', kind: 'text' },
      { field: 'byline', kind: 'text' },
      { field: 'dateline', kind: 'text' },
      { field: 'layout', kind: 'custom', Editor: PrintLayoutEditor },
      { field: 'body', kind: 'body' },
    ],
  }),
  wechat: ui({
    Preview: WechatPreview,
    HeaderAction: WechatCopyButton,
    fields: [
      { field: 'title', kind: 'text' },
      { field: 'author', kind: 'text' },
      { field: 'digest', kind: 'multiline', rows: 3 },
      { field: 'contentSourceUrl', kind: 'text' },
      { field: 'needOpenComment', kind: 'toggle' },
      { field: 'cover', kind: 'custom', Editor: WechatCoverCrop },
      { field: 'body', kind: 'body' },
    ],
  }),
  weibo: ui({
    Preview: WeiboPreview,
    fields: [
      { field: 'text', kind: 'multiline', rows: 6 },
      { field: 'link', kind: 'text' },
      { field: 'topics', kind: 'tags' },
      { field: 'mentions', kind: 'tags' },
      { field: 'longPost', kind: 'toggle' },
    ],
  }),
  douyin: ui({
    Preview: DouyinPreview,
    fields: [
      { field: 'title', kind: 'text' },
      { field: 'caption', kind: 'multiline', rows: 3 },
      { field: 'hashtags', kind: 'tags' },
      { field: 'mentions', kind: 'tags' },
      { field: 'cover', kind: 'custom', Editor: DouyinCoverCrop },
      { field: 'script', kind: 'cards', Editor: CardsEditor },
    ],
  }),
  app: ui({
    Preview: AppPreview,
    fields: [
      { field: 'headline', kind: 'text' },
      { field: 'subheadline', kind: 'text' },
      { field: 'summary', kind: 'multiline', rows: 3 },
      { field: 'byline', kind: 'text' },
      { field: 'dateline', kind: 'text' },
      { field: 'tags', kind: 'tags' },
      { field: 'body', kind: 'body' },
    ],
  }),
};

export type AnyPreview = ComponentType<PreviewProps<unknown>>;
