// 公众号 article in a phone frame: the feed card (title, digest as WeChat
// shows it — its own 54-字 fallback when empty), then the article as its
// inline-style HTML, rendered part by part through the safe renderer. Split
// into memoised parts so a keystroke in the body re-renders the body only.
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WECHAT_ALLOWED,
  WECHAT_ARTICLE_STYLE,
  shownDigest,
  wechatHtmlParts,
  type WechatHtmlPart,
  type WechatVariant,
} from '@shared/channels/wechat';
import { parseStyle } from '../../safe-html';
import { SafeHtmlView } from '../SafeHtmlView';
import { Chunked } from '../Chunked';
import type { PreviewProps } from '../types';
import { AssetImage } from '../../../photos/AssetImage';
import { syntheticBadge } from '../../../photos/badge';

const ARTICLE_STYLE = parseStyle(WECHAT_ARTICLE_STYLE);

const renderPart = (p: WechatHtmlPart, i: number) => (
  <SafeHtmlView key={i} html={p.html} allow={WECHAT_ALLOWED} />
);

const FeedCard = memo(function FeedCard({
  title,
  digest,
  cover,
}: {
  title: string;
  digest: string;
  cover: WechatVariant['cover'];
}) {
  const { t } = useTranslation();
  return (
    <div className="wx-card" aria-label={t('workspace.wechat.feedCard')}>
      {cover ? (
        <AssetImage
          id={cover.image.id}
          alt={t('workspace.wechat.cover')}
          crop={cover.crop235}
          className="wx-cover wx-cover-image"
          badge={syntheticBadge(cover.image)}
        />
      ) : (
        <div className="wx-cover">{t('workspace.wechat.noCover')}</div>
      )}
      <div className="wx-card-title">{title || t('workspace.untitled')}</div>
      <div className="wx-card-digest">{digest}</div>
    </div>
  );
});

const ArticleHead = memo(function ArticleHead({
  title,
  author,
}: {
  title: string;
  author: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="wx-title">{title || t('workspace.untitled')}</h1>
      <div className="wx-meta">
        {author && <span>{author}</span>}
        <span className="wx-account">{t('workspace.wechat.account')}</span>
      </div>
    </>
  );
});

const ArticleBody = memo(function ArticleBody({
  body,
  photos,
}: Pick<WechatVariant, 'body' | 'photos'>) {
  const parts = useMemo(() => wechatHtmlParts({ body, photos }), [body, photos]);
  return (
    <section style={ARTICLE_STYLE} data-testid="wechat-content">
      <Chunked items={parts} render={renderPart} />
    </section>
  );
});

const PhoneBar = memo(function PhoneBar() {
  const { t } = useTranslation();
  return (
    <div className="phone-bar">
      <span aria-hidden="true">‹</span>
      <span>{t('workspace.wechat.account')}</span>
      <span aria-hidden="true">···</span>
    </div>
  );
});

const ReadMore = memo(function ReadMore() {
  const { t } = useTranslation();
  return <div className="wx-more">{t('workspace.wechat.readMore')}</div>;
});

export function WechatPreview({ variant: v }: PreviewProps<WechatVariant>) {
  const { t } = useTranslation();
  // The digest only changes when the digest or (while it is empty) the body does.
  const digestSource = v.digest.trim() ? null : v.body;
  const digest = useMemo(
    () => shownDigest({ digest: v.digest, body: digestSource ?? [] }),
    [v.digest, digestSource],
  );
  const label = useMemo(() => t('workspace.wechat.phone'), [t]);
  return (
    <div className="phone" aria-label={label}>
      <PhoneBar />
      <div className="phone-screen">
        <FeedCard title={v.title} digest={digest} cover={v.cover} />
        <article className="wx-article">
          <ArticleHead title={v.title} author={v.author} />
          <ArticleBody body={v.body} photos={v.photos} />
          {v.contentSourceUrl && <ReadMore />}
        </article>
      </div>
    </div>
  );
}
