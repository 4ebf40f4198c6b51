// 公众号 article in a phone frame: the feed card (title, digest as WeChat
// shows it — its own 54-字 fallback when empty), then the article as its
// inline-style HTML, rendered part by part through the safe renderer.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Block } from '@shared/body/blocks';
import {
  WECHAT_ALLOWED,
  WECHAT_ARTICLE_STYLE,
  shownDigest,
  wechatHtmlParts,
  type WechatVariant,
} from '@shared/channels/wechat';
import { parseStyle } from '../../safe-html';
import { SafeHtmlView } from '../SafeHtmlView';
import type { PreviewProps } from '../types';

const ARTICLE_STYLE = parseStyle(WECHAT_ARTICLE_STYLE);

export function WechatPreview({ variant: v }: PreviewProps<WechatVariant>) {
  const { t } = useTranslation();
  const [cache] = useState(() => new WeakMap<Block, string>());
  const parts = useMemo(
    () => wechatHtmlParts({ body: v.body, photos: v.photos }, { cache }),
    [v.body, v.photos, cache],
  );
  const digest = useMemo(() => shownDigest(v), [v]);
  return (
    <div className="phone" aria-label={t('workspace.wechat.phone')}>
      <div className="phone-bar">
        <span aria-hidden="true">‹</span>
        <span>{t('workspace.wechat.account')}</span>
        <span aria-hidden="true">···</span>
      </div>
      <div className="phone-screen">
        <div className="wx-card" aria-label={t('workspace.wechat.feedCard')}>
          <div className="wx-cover">{v.cover ? '' : t('workspace.wechat.noCover')}</div>
          <div className="wx-card-title">{v.title || t('workspace.untitled')}</div>
          <div className="wx-card-digest">{digest}</div>
        </div>
        <article className="wx-article">
          <h1 className="wx-title">{v.title || t('workspace.untitled')}</h1>
          <div className="wx-meta">
            {v.author && <span>{v.author}</span>}
            <span className="wx-account">{t('workspace.wechat.account')}</span>
          </div>
          <section style={ARTICLE_STYLE} data-testid="wechat-content">
            {parts.map((p, i) => (
              <SafeHtmlView key={i} html={p.html} allow={WECHAT_ALLOWED} />
            ))}
          </section>
          {v.contentSourceUrl && <div className="wx-more">{t('workspace.wechat.readMore')}</div>}
        </article>
      </div>
    </div>
  );
}
