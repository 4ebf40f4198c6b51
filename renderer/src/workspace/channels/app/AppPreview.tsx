// The news-app article: section, headline, byline, summary, tags and body as
// the app's own stylesheet would lay them out (ninjs carries the same).
import { useTranslation } from 'react-i18next';
import type { AppVariant } from '@shared/channels/app';
import { BlocksView } from '../BlocksView';
import type { PreviewProps } from '../types';

export function AppPreview({ variant: v }: PreviewProps<AppVariant>) {
  const { t } = useTranslation();
  return (
    <article className="app-article">
      {v.section && <div className="app-section">{t(`sections.${v.section}`, v.section)}</div>}
      <h1 className="app-headline" data-testid="app-headline">
        {v.headline || t('workspace.untitled')}
      </h1>
      {v.subheadline && <p className="app-sub">{v.subheadline}</p>}
      <div className="app-by">{[v.byline, v.dateline].filter(Boolean).join(' · ')}</div>
      {v.summary && (
        <p className="app-summary">
          <span className="app-summary-label">{t('workspace.app.summary')}</span>
          {v.summary}
        </p>
      )}
      <div className="app-body" data-testid="app-body">
        <BlocksView body={v.body} />
      </div>
      {v.tags.length > 0 && (
        <div className="app-tags">
          {v.tags.map((tag) => (
            <span key={tag} className="chip">
              {tag}
            </span>
          ))}
        </div>
      )}
    </article>
  );
}
