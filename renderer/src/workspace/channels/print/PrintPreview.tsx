// The print version as a column block: headline rows across the span, the
// body set line by line in its columns exactly as copyfit broke it (禁则
// applied), the lines that do not fit, and the QR codes. The copyfit bar
// (lines used / available, overset or room left, in lines and 字) sits at the
// foot of the pane, outside its scrolling area, so it stays in view without
// being sticky and a keystroke that only changes its figures repaints the bar
// alone, not the column block (see styles.css, .pr-fit).
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  copyfitLines,
  printQrCodes,
  findTemplate,
  type PrintTemplate,
  type PrintVariant,
  type SetLine,
} from '@shared/channels/print';
import type { ChannelContext } from '@shared/channels';
import { formatNumber } from '../../../i18n/format';
import { compileTemplate } from '../../../i18n/template';
import { useElementWidth } from '../../use-element-width';
import { copyfitSummary, ziPixels, type CopyfitSummary } from './copyfit-summary';
import { printFitOf } from './print-fit';
import type { PreviewProps } from '../types';
import { PhotoFigures } from '../../../photos/PhotoFigures';

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

/** A set column; re-rendered only when a line in it reads differently (copyfit makes new line objects each time). */
const Column = memo(
  function Column({
    lines,
    indentZi,
    width,
    minHeight,
  }: {
    lines: readonly SetLine[];
    indentZi: number;
    width: number;
    minHeight: number;
  }) {
    return (
      <div className="pr-col" style={{ width, minHeight }}>
        {lines.map((l, i) => (
          <Line key={i} {...lineProps(l, indentZi)} />
        ))}
      </div>
    );
  },
  (a, b) =>
    a.indentZi === b.indentZi &&
    a.width === b.width &&
    a.minHeight === b.minHeight &&
    sameLines(a.lines, b.lines),
);

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

const sameLines = (a: readonly SetLine[], b: readonly SetLine[]) =>
  a === b ||
  (a.length === b.length &&
    a.every((l, i) => {
      const m = b[i]!;
      // Copyfit keeps the line objects of every paragraph that did not change.
      return (
        l === m ||
        (l.text === m.text &&
          l.kind === m.kind &&
          l.firstOfBlock === m.firstOfBlock &&
          l.lastOfBlock === m.lastOfBlock)
      );
    }));

/** The bar's sentences, translated once per language (its figures change on every keystroke). */
function useFitTemplates() {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      lang: i18n.language,
      lines: compileTemplate(t, 'workspace.print.lines', ['used', 'available']),
      overset: compileTemplate(t, 'workspace.print.overset', ['lines', 'zi']),
      left: compileTemplate(t, 'workspace.print.left', ['lines', 'zi']),
      full: t('workspace.print.full'),
      label: t('workspace.print.fitLabel'),
      spoken: {
        overset: t('workspace.print.statusOverset'),
        full: t('workspace.print.statusFull'),
        fits: t('workspace.print.statusFits'),
      },
    }),
    [t, i18n.language],
  );
}

/**
 * The figures change on every keystroke, so they are not a live region (a
 * screen reader would read them out after each character, and every change
 * would be an accessibility event). What is spoken is the fit itself, only
 * when it changes: overset, exactly full, room left.
 */
const FitBar = memo(function FitBar(s: CopyfitSummary) {
  const tpl = useFitTemplates();
  const n = (x: number) => formatNumber(x, tpl.lang);
  return (
    <div
      className={`pr-fit pr-fit-${s.status}`}
      data-testid="copyfit"
      role="group"
      aria-label={tpl.label}
    >
      <span className="visually-hidden" role="status">
        {tpl.spoken[s.status]}
      </span>
      <strong>{tpl.lines({ used: n(s.used), available: n(s.available) })}</strong>
      <span>
        {s.status === 'overset'
          ? tpl.overset({ lines: n(s.oversetLines), zi: n(s.oversetZi) })
          : s.status === 'full'
            ? tpl.full
            : tpl.left({ lines: n(s.left), zi: n(s.freeZi) })}
      </span>
    </div>
  );
});

const Head = memo(function Head({
  kicker,
  headline,
  subheadline,
  minHeight,
  fontSize,
}: {
  kicker: string;
  headline: string;
  subheadline: string;
  minHeight: number;
  fontSize: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="pr-head" style={{ minHeight }}>
      {kicker && <div className="pr-kicker">{kicker}</div>}
      <div className="pr-headline" style={{ fontSize }} data-testid="print-headline">
        {headline || t('workspace.untitled')}
      </div>
      {subheadline && <div className="pr-sub">{subheadline}</div>}
    </div>
  );
});

const Overset = memo(
  function Overset({
    lines,
    more,
    width,
    indentZi,
  }: {
    lines: readonly SetLine[];
    more: number;
    width: number;
    indentZi: number;
  }) {
    const { t, i18n } = useTranslation();
    if (lines.length === 0) return null;
    return (
      <div className="pr-overset" aria-label={t('workspace.print.oversetLines')}>
        <div className="pr-overset-head">{t('workspace.print.oversetLines')}</div>
        <div style={{ width }}>
          {lines.map((l, i) => (
            <Line key={i} {...lineProps(l, indentZi)} />
          ))}
        </div>
        {more > 0 && (
          <div className="pr-more">
            {t('workspace.print.moreLines', { n: formatNumber(more, i18n.language) })}
          </div>
        )}
      </div>
    );
  },
  (a, b) =>
    a.more === b.more &&
    a.width === b.width &&
    a.indentZi === b.indentZi &&
    sameLines(a.lines, b.lines),
);

const QrCodes = memo(function QrCodes({
  qr,
  ctx,
}: {
  qr: PrintVariant['qr'];
  ctx: ChannelContext;
}) {
  const { t } = useTranslation();
  const qrs = useQrCodes(qr, ctx);
  if (qrs.length === 0)
    return qr.online ? <p className="pv-hint">{t('workspace.print.noLinkService')}</p> : null;
  return (
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
  );
});

const Legend = memo(function Legend({
  template,
  span,
  width,
}: {
  template: PrintTemplate;
  span: number;
  width: number;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="pr-legend">
      {t('workspace.print.legend', {
        template: template.name[i18n.language === 'en' ? 'en' : 'zh-CN'],
        span,
        width,
        type: template.bodyType,
      })}
    </div>
  );
});

const NoTemplate = memo(function NoTemplate({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p className="pv-error" role="alert">
      {t('workspace.print.noTemplate', { id })}
    </p>
  );
});

/** The copyfit bar of the print pane (shown while the version is previewed and while it is edited). */
export function PrintFitSummary({ variant: v, ctx }: PreviewProps<PrintVariant>) {
  const fit = printFitOf(v, ctx);
  return fit ? <FitBar {...copyfitSummary(fit)} /> : null;
}

export function PrintPreview({ variant: v, ctx }: PreviewProps<PrintVariant>) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const { layout, qr } = v;
  const fit = printFitOf(v, ctx);
  const template = useMemo(() => findTemplate(layout.templateId), [layout.templateId]);
  if (!fit || !template) return <NoTemplate id={layout.templateId} />;
  const zi = ziPixels(width - 2, fit.spanWidthZi);
  const lineHeight = zi * 1.5;
  return (
    <div className="pr" ref={ref} style={{ ['--zi' as string]: `${zi}px` }}>
      <div className="pr-page" style={{ width: fit.spanWidthZi * zi }}>
        <Head
          kicker={v.kicker}
          headline={v.headline}
          subheadline={v.subheadline}
          minHeight={template.headlineRows * lineHeight}
          fontSize={zi * Math.min(template.headlineScale, 3)}
        />
        <div className="pr-cols" style={{ gap: template.gutterZi * zi }}>
          {fit.columns.map((col, c) => (
            <Column
              key={c}
              lines={col}
              indentZi={template.indentZi}
              width={fit.columnWidthZi * zi}
              minHeight={fit.linesPerColumn * lineHeight}
            />
          ))}
        </div>
      </div>
      <Overset
        lines={copyfitLines(fit, fit.linesAvailable, fit.linesAvailable + OVERSET_SHOWN)}
        more={Math.max(0, fit.oversetLines - OVERSET_SHOWN)}
        width={fit.columnWidthZi * zi}
        indentZi={template.indentZi}
      />
      <PhotoFigures photos={v.photos} className="pr-photos" />
      <QrCodes qr={qr} ctx={ctx} />
      <Legend template={template} span={layout.span} width={fit.columnWidthZi} />
    </div>
  );
}
