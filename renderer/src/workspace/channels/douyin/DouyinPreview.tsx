// A Douyin post in a 9:16 frame: the script's current text card on screen,
// the caption with #话题 and @ at the bottom as the app lays it out, and the
// script (shot list) below, with each card's time and the total.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { douyinText, type DouyinVariant } from '@shared/channels/douyin';
import type { PreviewProps } from '../types';
import { AssetImage } from '../../../photos/AssetImage';
import { syntheticBadge } from '../../../photos/badge';

export function DouyinPreview({ variant: v }: PreviewProps<DouyinVariant>) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const id = useId();
  const shot = v.script[Math.min(current, v.script.length - 1)];
  const total = useMemo(() => v.script.reduce((n, s) => n + s.seconds, 0), [v.script]);
  const caption = useMemo(() => douyinText(v), [v]);
  return (
    <div className="dy">
      <div className="dy-frame" aria-label={t('workspace.douyin.frame')}>
        {v.cover && (
          <AssetImage
            id={v.cover.image.id}
            alt={t('workspace.douyin.cover')}
            crop={v.cover.crop}
            className="dy-cover"
            badge={syntheticBadge(v.cover.image)}
          />
        )}
        <div className={`dy-card dy-card-${shot?.kind ?? 'none'}`} data-testid="douyin-card">
          {shot ? shot.text : t('workspace.douyin.noScript')}
        </div>
        <div className="dy-side" aria-hidden="true">
          <span>♥</span>
          <span>💬</span>
          <span>↗</span>
        </div>
        <div className="dy-caption">
          <div className="dy-account">@{t('workspace.douyin.account')}</div>
          <div className="dy-title">{v.title}</div>
          <div className="dy-text" data-testid="douyin-caption">
            {caption}
          </div>
        </div>
      </div>
      <div className="dy-script">
        <div className="dy-script-head">
          <span>{t('workspace.douyin.script')}</span>
          <span>{t('workspace.douyin.total', { seconds: total, shots: v.script.length })}</span>
        </div>
        {/* A list to choose which card the frame shows; arrow keys move through it. */}
        <ol
          role="listbox"
          aria-label={t('workspace.douyin.script')}
          tabIndex={0}
          aria-activedescendant={v.script.length ? `${id}-${current}` : undefined}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setCurrent((c) => Math.min(v.script.length - 1, c + 1));
            else if (e.key === 'ArrowUp') setCurrent((c) => Math.max(0, c - 1));
            else return;
            e.preventDefault();
          }}
        >
          {v.script.map((s, i) => (
            <li
              key={i}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'dy-shot active' : 'dy-shot'}
              onClick={() => setCurrent(i)}
            >
              <span className="dy-kind">{t(`workspace.douyin.kind.${s.kind}`)}</span>
              <span className="dy-shot-text">{s.text}</span>
              <span className="dy-sec">
                {t('workspace.douyin.seconds', { seconds: s.seconds })}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
