// The news-app article: section, headline, byline, summary, tags and body as
// the app's own stylesheet would lay them out (ninjs carries the same). The
// head and the body are memoised apart: typing in the body re-renders the body.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppVariant } from '@shared/channels/app';
import { BlocksView } from '../BlocksView';
import type { PreviewProps } from '../types';
import { PhotoFigures } from '../../../photos/PhotoFigures';

const Head = memo(function Head({
  section,
  headline,
  subheadline,
  byline,
  dateline,
  summary,
}: Pick<AppVariant, 'section' | 'headline' | 'subheadline' | 'byline' | 'dateline' | 'summary'>) {
  const { t } = useTranslation();
  return (
    <>
      {section && <div className="app-section">{t(`sections.${section}`, section)}</div>}
      <h1 className="app-headline" data-testid="app-headline">
        {headline || t('workspace.untitled')}
      </h1>
      {subheadline && <p className="app-sub">{subheadline}</p>}
      <div className="app-by">{[byline, dateline].filter(Boolean).join(' · ')}</div>
      {summary && (
        <p className="app-summary">
          <span className="app-summary-label">{t('workspace.app.summary')}</span>
          {summary}
        </p>
      )}
    </>
  );
});

const Body = memo(function Body({ body }: Pick<AppVariant, 'body'>) {
  return (
    <div className="app-body" data-testid="app-body">
      <BlocksView body={body} />
    </div>
  );
});

const Tags = memo(function Tags({ tags }: Pick<AppVariant, 'tags'>) {
  if (tags.length === 0) return null;
  return (
    <div className="app-tags">
      {tags.map((tag) => (
        <span key={tag} className="chip">
          {tag}
        </span>
      ))}
    </div>
  );
});

export function AppPreview({ variant: v }: PreviewProps<AppVariant>) {
  return (
    <article className="app-article">
      <Head
        section={v.section}
        headline={v.headline}
        subheadline={v.subheadline}
        byline={v.byline}
        dateline={v.dateline}
        summary={v.summary}
      />
      <PhotoFigures photos={v.photos} className="app-photos" />
      <Body body={v.body} />
      <Tags tags={v.tags} />
    </article>
  );
}
