// The print version as a column block: headline rows across the span, the
// body set line by line in its columns exactly as copyfit broke it (禁则
// applied), the copyfit overlay (lines used / available, overset or room
// left, in lines and 字), the lines that do not fit, and the QR codes.
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  printCopyfit,
  printQrCodes,
  findTemplate,
  type PrintVariant,
  type SetLine,
} from '@shared/channels/print';
import type { ChannelContext } from '@shared/channels';
import { formatNumber } from '../../../i18n/format';
import { useElementWidth } from '../../use-element-width';
import { copyfitSummary, ziPixels } from './copyfit-summary';
import type { PreviewProps } from '../types';

const OVERSET_SHOWN = 6;

const Line = memo(function Line({
  text,
  indent,
  justify,
  kind,
}: {
  text: string;
  indent: number;
  justify: boolean;
  kind: SetLine['kind'];
}) {
  return (
    <div
      className={`pr-line pr-${kind}${justify ? ' pr-justify' : ''}`}
      style={indent ? { paddingLeft: `calc(var(--zi) * ${indent})` } : undefined}
    >
      {text || '\u00a0'}
    </div>
  );
});

function lineProps(l: SetLine, indentZi: number) {
  const indented = l.firstOfBlock && (l.kind === 'paragraph' || l.kind === 'quote');
  return { text: l.text, indent: indented ? indentZi : 0, justify: !l.lastOfBlock, kind: l.kind };
}

function useQrCodes(qr: PrintVariant['qr'], ctx: ChannelContext) {
  return useMemo(
    () =>
      printQrCodes({ qr } as PrintVariant, ctx).map((q) => ({
        ...q,
        src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(q.svg)}`,
      })),
    [qr, ctx],
  );
}

export function PrintPreview({ variant: v, ctx }: PreviewProps<PrintVariant>) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const { body, layout, qr } = v;
  const fit = useMemo(
    () => printCopyfit({ body, layout, qr } as PrintVariant, ctx),
    [body, layout, qr, ctx],
  );
  const template = useMemo(() => findTemplate(layout.templateId), [layout.templateId]);
  const qrs = useQrCodes(qr, ctx);
  const n = (x: number) => formatNumber(x, i18n.language);
  if (!fit || !template)
    return (
      <p className="pv-error" role="alert">
        {t('workspace.print.noTemplate', { id: layout.templateId })}
      </p>
    );
  const s = copyfitSummary(fit);
  const zi = ziPixels(width - 2, fit.spanWidthZi);
  const lineHeight = zi * 1.5;
  return (
    <div className="pr" ref={ref} style={{ ['--zi' as string]: `${zi}px` }}>
      <div className={`pr-fit pr-fit-${s.status}`} data-testid="copyfit" role="status">
        <strong>
          {t('workspace.print.lines', { used: n(s.used), available: n(s.available) })}
        </strong>
        <span>
          {s.status === 'overset'
            ? t('workspace.print.overset', { lines: n(s.oversetLines), zi: n(s.oversetZi) })
            : s.status === 'full'
              ? t('workspace.print.full')
              : t('workspace.print.left', { lines: n(s.left), zi: n(s.freeZi) })}
        </span>
      </div>
      <div className="pr-page" style={{ width: fit.spanWidthZi * zi }}>
        <div className="pr-head" style={{ minHeight: template.headlineRows * lineHeight }}>
          {v.kicker && <div className="pr-kicker">{v.kicker}</div>}
          <div
            className="pr-headline"
            style={{ fontSize: zi * Math.min(template.headlineScale, 3) }}
            data-testid="print-headline"
          >
            {v.headline || t('workspace.untitled')}
          </div>
          {v.subheadline && <div className="pr-sub">{v.subheadline}</div>}
        </div>
        <div className="pr-cols" style={{ gap: template.gutterZi * zi }}>
          {fit.columns.map((col, c) => (
            <div
              key={c}
              className="pr-col"
              style={{ width: fit.columnWidthZi * zi, minHeight: fit.linesPerColumn * lineHeight }}
            >
              {col.map((l, i) => (
                <Line key={i} {...lineProps(l, template.indentZi)} />
              ))}
            </div>
          ))}
        </div>
      </div>
      {fit.overset.length > 0 && (
        <div className="pr-overset" aria-label={t('workspace.print.oversetLines')}>
          <div className="pr-overset-head">{t('workspace.print.oversetLines')}</div>
          <div style={{ width: fit.columnWidthZi * zi }}>
            {fit.overset.slice(0, OVERSET_SHOWN).map((l, i) => (
              <Line key={i} {...lineProps(l, template.indentZi)} />
            ))}
          </div>
          {fit.overset.length > OVERSET_SHOWN && (
            <div className="pr-more">
              {t('workspace.print.moreLines', { n: n(fit.overset.length - OVERSET_SHOWN) })}
            </div>
          )}
        </div>
      )}
      {qrs.length > 0 ? (
        <div className="pr-qrs">
          {qrs.map((q) => (
            <figure key={q.target} className="pr-qr">
              <img src={q.src} alt={t('workspace.print.qrAlt', { url: q.url })} />
              <figcaption>
                {q.label}
                <span className="pr-qr-url">{q.url}</span>
              </figcaption>
            </figure>
          ))}
        </div>
      ) : (
        v.qr.online && <p className="pv-hint">{t('workspace.print.noLinkService')}</p>
      )}
      <div className="pr-legend">
        {t('workspace.print.legend', {
          template: template.name[i18n.language === 'en' ? 'en' : 'zh-CN'],
          span: v.layout.span,
          width: fit.columnWidthZi,
          type: template.bodyType,
        })}
      </div>
    </div>
  );
}
