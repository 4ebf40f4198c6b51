// The sidebar's part of the workflow: my queues with their counts, and the
// notifications bell. Nothing shows while signed out (the workflow lives on
// the newsroom server).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MY_QUEUE_NAMES } from '@shared/workflow/api';
import { useHost } from '../app/host-context';
import { routeHash, type Route } from '../app/routes';
import { useToast } from '../common/toast';
import { formatDateTime } from '../i18n/format';
import { useNotifications, useQueues } from './use-workflow';

export function QueuesNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const queues = useQueues();
  if (!queues.data) return null;
  return (
    <div className="nav-queues" role="group" aria-label={t('queues.label')}>
      <span className="nav-heading">{t('queues.label')}</span>
      {MY_QUEUE_NAMES.map((name) => {
        const q = queues.data?.mine.find((x) => x.name === name);
        const active = route.name === 'queue' && route.queue === name;
        return (
          <a
            key={name}
            href={routeHash({ name: 'queue', queue: name })}
            className={active ? 'nav-item nav-queue active' : 'nav-item nav-queue'}
            aria-current={active ? 'page' : undefined}
          >
            <span>{t(`queues.${name}`)}</span>
            <span className={q?.count ? 'nav-count' : 'nav-count nav-count-zero'}>
              {q?.count ?? 0}
            </span>
          </a>
        );
      })}
    </div>
  );
}

/** The bell: unread count, the list, and a desktop notification when running in Electron. */
export function NotificationsBell({ desktop }: { desktop: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const host = useHost();
  const toast = useToast();
  const list = useNotifications();
  const [open, setOpen] = useState(false);
  const toastRef = useRef(toast);
  useEffect(() => {
    toastRef.current = toast;
  });
  useEffect(
    () =>
      host.on('workflow.notification', (n) => {
        toastRef.current(n.text[lang]);
        if (desktop && typeof Notification !== 'undefined') {
          const show = () => new Notification(t('app.name'), { body: n.text[lang] });
          if (Notification.permission === 'granted') show();
          else if (Notification.permission === 'default')
            void Notification.requestPermission().then((p) => p === 'granted' && show());
        }
      }),
    [host, desktop, lang, t],
  );
  if (!list.data) return null;
  const unread = list.data.unread;
  return (
    <div className="nav-bell">
      <button
        type="button"
        className="nav-item"
        aria-expanded={open}
        onClick={() => {
          setOpen((o) => !o);
          const ids = list.data?.items.filter((n) => !n.read).map((n) => n.id) ?? [];
          if (!open && ids.length)
            void host.call('workflow.markNotificationsRead', { ids }).then(list.refresh);
        }}
      >
        {t('notifications.title')}
        {unread > 0 && (
          <span className="nav-count" aria-label={t('notifications.unread', { n: unread })}>
            {unread}
          </span>
        )}
      </button>
      {open && (
        <ul className="nav-notifications" aria-label={t('notifications.title')}>
          {list.data.items.length === 0 && <li>{t('notifications.none')}</li>}
          {list.data.items.slice(0, 20).map((n) => (
            <li key={n.id} className={n.read ? '' : 'unread'}>
              <a href={routeHash({ name: 'story', id: n.storyId })}>{n.text[lang]}</a>
              <time dateTime={n.at}>{formatDateTime(n.at, i18n.language)}</time>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
