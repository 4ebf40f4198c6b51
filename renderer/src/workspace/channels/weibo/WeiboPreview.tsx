// A Weibo post as the feed shows it: the first 140 字 and "全文" for a long
// post (click to see the whole), links as 网页链接, #话题# and @ in blue, the
// count the platform's way against its limit.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countWeibo } from '@shared/text/counters';
import {
  weiboFeedPreview,
  weiboPost,
  weiboSettings,
  type WeiboVariant,
} from '@shared/channels/weibo';
import type { PreviewProps } from '../types';
import { weiboSegments } from './segments';
import { centerCrop } from '@shared/domain/master-story';
import { AssetImage } from '../../../photos/AssetImage';
import { syntheticBadge } from '../../../photos/badge';

const LIMIT = 140;
const LONG_LIMIT = 2000;

export function WeiboPreview({ variant: v, ctx }: PreviewProps<WeiboVariant>) {
  const { t } = useTranslation();
  const [full, setFull] = useState(false);
  const opts = useMemo(() => {
    const s = weiboSettings(ctx.settings?.weibo);
    return { urlWidth: s.urlWidth, nonBmpWeight: s.nonBmpWeight };
  }, [ctx]);
  const feed = useMemo(() => weiboFeedPreview(v, opts), [v, opts]);
  const post = useMemo(() => weiboPost(v), [v]);
  const count = useMemo(() => countWeibo(post, opts), [post, opts]);
  const limit = v.longPost ? LONG_LIMIT : LIMIT;
  const shown = full || !feed.truncated ? post : feed.shown;
  return (
    <div className="wb-card">
      <div className="wb-head">
        <span className="wb-avatar" aria-hidden="true">
          融
        </span>
        <div>
          <div className="wb-name">{t('workspace.weibo.account')}</div>
          <div className="wb-time">{t('workspace.weibo.justNow')}</div>
        </div>
      </div>
      <p className="wb-text" data-testid="weibo-text">
        {weiboSegments(shown).map((s, i) =>
          s.kind === 'text' ? (
            <span key={i}>{s.text}</span>
          ) : s.kind === 'link' ? (
            <span key={i} className="wb-blue" title={s.text}>
              {t('workspace.weibo.webLink')}
            </span>
          ) : (
            <span key={i} className="wb-blue">
              {s.text}
            </span>
          ),
        )}
        {feed.truncated && !full && (
          <button type="button" className="wb-more" onClick={() => setFull(true)}>
            {t('workspace.weibo.fullText')}
          </button>
        )}
      </p>
      <div className="wb-foot">
        <span
          className={count > limit ? 'wb-count over' : 'wb-count'}
          data-testid="weibo-count"
          aria-label={t('workspace.weibo.countLabel', { n: count, limit })}
        >
          {count}/{limit}
        </span>
        {feed.truncated && (
          <span className="wb-note">
            {v.longPost ? t('workspace.weibo.longPost') : t('workspace.weibo.cut')}
          </span>
        )}
        {full && (
          <button type="button" className="link-button" onClick={() => setFull(false)}>
            {t('workspace.weibo.collapse')}
          </button>
        )}
      </div>
      {v.images.length > 0 && (
        <div className="wb-images">
          {v.images.map((img) => (
            <AssetImage
              key={img.id}
              id={img.id}
              alt={img.caption}
              className="wb-image"
              crop={centerCrop(img, 1)}
              badge={syntheticBadge(img)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
