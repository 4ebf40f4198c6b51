// Display names for workflow codes, in both languages, for reasons, the
// timeline and the audit report.
import { localized, type Localized } from '../domain/localized';
import type { ChannelId } from './desks';
import type { StoryStage, VariantStage } from './state';

export const CHANNEL_NAMES: Record<ChannelId, Localized> = {
  print: localized('报纸', 'print'),
  wechat: localized('微信公众号', 'WeChat'),
  weibo: localized('微博', 'Weibo'),
  douyin: localized('抖音', 'Douyin'),
  app: localized('客户端', 'news app'),
};

export const STAGE_NAMES: Record<StoryStage | VariantStage | 'unclaimed', Localized> = {
  draft: localized('草稿', 'draft'),
  filed: localized('已发稿', 'filed'),
  unclaimed: localized('未认领', 'not claimed'),
  editing: localized('编辑中', 'editing'),
  in_review: localized('审核中', 'in review'),
  sent_back: localized('已退回', 'sent back'),
  scheduled: localized('定时发布', 'scheduled'),
  published: localized('已发布', 'published'),
  vetoed: localized('已否决', 'vetoed'),
  spiked: localized('已撤稿', 'spiked'),
};
