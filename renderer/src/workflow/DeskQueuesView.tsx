// 部门稿件: one desk's queues side by side — waiting to be claimed or
// assigned, in progress, in review, sent back, scheduled, published today —
// for the desks I belong to. Refreshes when the workflow changes.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_NAMES } from '@shared/workflow/names';
import { DESK_QUEUE_NAMES } from '@shared/workflow/queues';
import { useHost } from '../app/host-context';
import { errorText } from '../common/error-text';
import { formatDateTime } from '../i18n/format';
import { isSignedOut, useHostValue } from './use-workflow';

type DeskList = Array<{ id: string; name: string }>;
const always = () => true;

export function DeskQueuesView({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const host = useHost();
  const selectId = useId();
  const [desks, setDesks] = useState<DeskList | null>(null);
  const [deskId, setDeskId] = useState('');
  const [deskError, setDeskError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    host.call('sync.desks', {}).then(
      (list) => {
        if (!alive) return;
        setDesks(list);
        setDeskId((cur) => cur || list[0]?.id || '');
      },
      (e: unknown) => alive && setDeskError(e),
    );
    return () => {
      alive = false;
    };
  }, [host]);

  const load = useCallback(
    () => host.call('workflow.queues', deskId ? { deskId } : {}),
    [host, deskId],
  );
  const queues = useHostValue(load, always, 60_000);
  const error = deskError ?? (queues.data ? null : queues.error);
  const desk = queues.data?.desk;

  return (
    <section className="library queue-view desk-queues" aria-label={t('deskQueues.title')}>
      <header className="library-header">
        <h1>{t('deskQueues.title')}</h1>
        {desks && desks.length > 0 && (
          <label htmlFor={selectId} className="desk-picker">
            {t('deskQueues.desk')}
            <select id={selectId} value={deskId} onChange={(e) => setDeskId(e.target.value)}>
              {desks.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {error ? (
        <p className="rv-hint">
          {isSignedOut(error) ? t('review.workflow.signIn') : errorText(t, error)}
        </p>
      ) : desks && desks.length === 0 ? (
        <p className="rv-empty">{t('deskQueues.noDesk')}</p>
      ) : !desk || desk.deskId !== deskId ? (
        <p className="rv-empty">{t('workspace.loading')}</p>
      ) : (
        <div className="desk-queue-grid">
          {DESK_QUEUE_NAMES.map((name) => {
            const q = desk.queues.find((x) => x.name === name);
            const items = q?.items ?? [];
            return (
              <section key={name} className="desk-queue" aria-label={t(`deskQueues.${name}`)}>
                <h2>
                  {t(`deskQueues.${name}`)}{' '}
                  <span className={q?.count ? 'nav-count' : 'nav-count nav-count-zero'}>
                    {q?.count ?? 0}
                  </span>
                </h2>
                {items.length === 0 ? (
                  <p className="rv-empty">{t('queues.empty')}</p>
                ) : (
                  <ul className="queue-list">
                    {items.map((item) => (
                      <li key={`${item.storyId}:${item.channel ?? ''}`}>
                        <button
                          type="button"
                          className="queue-item"
                          onClick={() => onOpen(item.storyId)}
                        >
                          <span className="queue-headline">
                            {item.headline || t('story.untitled')}
                          </span>
                          {item.channel && (
                            <span className="rv-kind">{CHANNEL_NAMES[item.channel][lang]}</span>
                          )}
                          {item.step && <span className="rv-badge">{item.step.name[lang]}</span>}
                          {item.stale && (
                            <span className="wf-stale">{t('review.workflow.stale')}</span>
                          )}
                          <time dateTime={item.since}>
                            {formatDateTime(item.since, i18n.language)}
                          </time>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
