// 机审: the machine pre-scan of the master and every enabled channel version,
// live while people type. Blocking findings say so; click one to jump to it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemLocation } from '@shared/channels';
import { getChannel } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import { categoryName, type Finding } from '@shared/scan';
import { project } from '@shared/annotations';
import { useReview } from './review-context';
import { selectInMaster } from './master-dom';
import type { ScanResult } from './use-scan';

interface Props {
  results: ScanResult[] | null;
  onJumpVariant: (channel: ChannelId, at: ProblemLocation) => void;
}

const SHOWN = 50;

function Group({ result, onJumpVariant }: { result: ScanResult } & Pick<Props, 'onJumpVariant'>) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { doc, master } = useReview();
  const [all, setAll] = useState(false);
  const { report, places, channel } = result;
  const name = channel ? (getChannel(channel)?.name[lang] ?? channel) : t('workspace.master');
  const jump = (f: Finding) => {
    const place = places.get(f.range.segment);
    if (!place) return;
    if (channel) {
      onJumpVariant(channel, {
        field: place.field,
        index: place.index,
        ...(place.exact ? { start: f.range.start, end: f.range.end } : {}),
      });
      return;
    }
    const m = master();
    if (!m) return;
    if (place.field === 'body') {
      const block = project(doc, 'body')?.blocks.find((b) => b.id === f.range.segment);
      if (block)
        selectInMaster(m, doc, 'body', block.offset + f.range.start, block.offset + f.range.end);
    } else selectInMaster(m, doc, `field:${place.field}`, f.range.start, f.range.end);
  };
  const findings = all ? report.findings : report.findings.slice(0, SHOWN);
  const c = report.counts;
  return (
    <section className="rv-scan-group" aria-label={t('review.scan.of', { target: name })}>
      <h3>
        <span>{name}</span>
        {c.block + c.warning + c.hint === 0 ? (
          <span className="pb-none">{t('review.scan.clean')}</span>
        ) : (
          <>
            {c.block > 0 && (
              <span className="sev sev-block">{t('review.scan.blocks', { n: c.block })}</span>
            )}
            {c.warning > 0 && (
              <span className="sev sev-warn">{t('review.scan.warnings', { n: c.warning })}</span>
            )}
            {c.hint > 0 && (
              <span className="sev sev-hint">{t('review.scan.hints', { n: c.hint })}</span>
            )}
          </>
        )}
      </h3>
      {findings.length > 0 && (
        <ul className="pb-list">
          {findings.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                className={`pb-item rv-finding rv-${f.severity}`}
                onClick={() => jump(f)}
                title={t('review.scan.jump')}
              >
                <span className={`sev sev-${f.severity === 'warning' ? 'warn' : f.severity}`}>
                  {t(`review.scan.severity.${f.severity}`)}
                </span>
                <span className="pb-where">
                  {[f.category && categoryName(f.category)[lang], `“${f.text}”`]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <span className="pb-text">{f.message[lang]}</span>
                {f.suggestion !== undefined && (
                  <span className="pb-fix">
                    {t('review.scan.suggestion', { text: f.suggestion })}
                  </span>
                )}
              </button>
            </li>
          ))}
          {!all && report.findings.length > SHOWN && (
            <li>
              <button type="button" className="link-button" onClick={() => setAll(true)}>
                {t('workspace.problems.showAll', { n: report.findings.length })}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

export function ScanTab({ results, onJumpVariant }: Props) {
  const { t } = useTranslation();
  if (!results) return <p className="rv-empty">{t('workspace.problems.checking')}</p>;
  const blocking = results.reduce((n, r) => n + r.report.counts.block, 0);
  return (
    <div className="rv-scan">
      <p className={blocking ? 'rv-blocking' : 'rv-hint'} role="status">
        {blocking ? t('review.scan.blockingSummary', { n: blocking }) : t('review.scan.noBlocking')}
      </p>
      {results.map((r) => (
        <Group key={r.channel ?? 'master'} result={r} onJumpVariant={onJumpVariant} />
      ))}
    </div>
  );
}
