// App variant → problems.
import { bodyParagraphs } from '../../body/blocks';
import { countChars, overflowOffset } from '../../text/counters';
import { checkBody, checkCopy, checkImages } from '../common/checks';
import { reporter } from '../rules';
import type { ChannelContext, Problem } from '../types';
import { APP_RULES } from './rules';
import type { AppVariant } from './schema';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function validateApp(v: AppVariant, ctx?: ChannelContext): Problem[] {
  const r = reporter('app', APP_RULES, ctx?.overrides);
  const headline = v.headline.trim();
  if (!headline) r.report('headlineMissing', { field: 'headline' });
  const hc = countChars(headline);
  if (hc > r.limit('headlineMax'))
    r.report(
      'headlineMax',
      {
        field: 'headline',
        start: overflowOffset(v.headline, 'chars', r.limit('headlineMax')) ?? 0,
        end: v.headline.length,
      },
      { count: hc },
    );
  if (bodyParagraphs(v.body).length === 0) r.report('bodyEmpty', { field: 'body' });
  if (!v.summary.trim()) r.report('summaryMissing', { field: 'summary' });
  const sc = countChars(v.summary.trim());
  if (sc > r.limit('summaryMax')) r.report('summaryMax', { field: 'summary' }, { count: sc });
  if (v.tags.filter((t) => t.trim()).length === 0) r.report('tagsMissing', { field: 'tags' });
  if (v.embargo && (!ISO_INSTANT.test(v.embargo) || Number.isNaN(Date.parse(v.embargo))))
    r.report('embargoInvalid', { field: 'embargo' }, { text: v.embargo });
  checkCopy(r, v.headline, { field: 'headline' });
  checkCopy(r, v.summary, { field: 'summary' });
  checkBody(r, v.body);
  checkImages(
    r,
    v.photos.map((p) => ({ ...p.image, caption: p.caption })),
    'photos',
  );
  return r.problems();
}
