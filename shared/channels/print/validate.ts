// Print variant → problems: headline and body present, copyfit (overset /
// underset), headline measure, typography, photos, QR links.
import { bodyParagraphs } from '../../body/blocks';
import { isSafeHref } from '../../text/links';
import { countZi } from '../../text/counters';
import { checkBody, checkCopy, checkImages } from '../common/checks';
import { reporter } from '../rules';
import type { ChannelContext, Problem } from '../types';
import { printCopyfit, printTemplateFor } from './layout';
import { PRINT_RULES } from './rules';
import type { PrintVariant } from './schema';

export function validatePrint(v: PrintVariant, ctx?: ChannelContext): Problem[] {
  const r = reporter('print', PRINT_RULES, ctx?.overrides);
  if (!v.headline.trim()) r.report('headlineMissing', { field: 'headline' });
  if (bodyParagraphs(v.body).length === 0) r.report('bodyEmpty', { field: 'body' });

  const template = printTemplateFor(v, ctx);
  const fit = template ? printCopyfit(v, ctx) : null;
  if (!template || !fit) {
    r.report('templateUnknown', { field: 'layout' }, { template: v.layout.templateId });
  } else {
    if (fit.oversetLines > 0) {
      const first = fit.overset.find((l) => l.block >= 0);
      r.report(
        'overset',
        first ? { field: 'body', index: first.block, start: first.start } : { field: 'body' },
        {
          lines: fit.oversetLines,
          zi: fit.oversetZi,
          used: fit.linesUsed,
          available: fit.linesAvailable,
        },
      );
    } else if (fit.linesUsed > 0 && fit.linesLeft > r.limit('underset')) {
      r.report('underset', { field: 'body' }, { lines: fit.linesLeft, zi: fit.freeZi });
    }
    const perLine = Math.floor(fit.spanWidthZi / template.headlineScale);
    const headlineZi = countZi(v.headline.trim());
    const headlineLimit = perLine * template.headlineMaxLines;
    if (headlineZi > headlineLimit)
      r.report(
        'headlineTooLong',
        { field: 'headline' },
        {
          count: headlineZi,
          limit: headlineLimit,
          lines: template.headlineMaxLines,
          span: v.layout.span,
        },
      );
    // Subheadlines run in about half the headline's size.
    const subLimit = Math.floor(fit.spanWidthZi / Math.max(1, template.headlineScale / 2));
    const subZi = countZi(v.subheadline.trim());
    if (subZi > subLimit)
      r.report('subheadlineTooLong', { field: 'subheadline' }, { count: subZi, limit: subLimit });
  }

  for (const field of ['kicker', 'headline', 'subheadline', 'byline', 'dateline'] as const)
    checkCopy(r, v[field], { field });
  checkBody(r, v.body);
  checkImages(
    r,
    v.photos.map((p) => ({ ...p.image, caption: p.caption })),
    'photos',
  );
  v.photos.forEach((p, index) => {
    if (p.image.width < r.limit('photoLowResolution'))
      r.report(
        'photoLowResolution',
        { field: 'photos', index },
        { n: index + 1, width: p.image.width },
      );
  });

  const shop = v.qr.shopUrl.trim();
  if ((v.qr.online || shop) && (!ctx?.links?.baseUrl || !ctx.storyId))
    r.report('qrNoLinkService', { field: 'qr' });
  if (shop && !(isSafeHref(shop) && /^https?:/i.test(shop)))
    r.report('shopUrlInvalid', { field: 'qr' }, { url: shop });
  return r.problems();
}
