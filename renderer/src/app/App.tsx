// The window: a sidebar to move between the library, the trash and
// settings, and the main area showing one of them or a story.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseRoute, routeHash, type Route } from './routes';
import { NoticeBar } from './NoticeBar';
import { LibraryView } from '../library/LibraryView';
import { WorkspaceView } from '../workspace/WorkspaceView';
import { SettingsView } from '../settings/SettingsView';
import { UpdateIndicator } from '../updates/UpdateIndicator';
import type { AppInfo } from './app-info';
import { SyncIndicator } from './SyncIndicator';
import { useSyncUser } from './sync-status';
import { AdminView } from '../admin/AdminView';
import { DeskQueuesView } from '../workflow/DeskQueuesView';
import { NotificationsBell, QueuesNav } from '../workflow/WorkflowNav';
import { QueueView } from '../workflow/QueueView';

export function App({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const user = useSyncUser();

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = useCallback((r: Route) => {
    location.hash = routeHash(r);
  }, []);

  const nav = (target: Route, label: string) => {
    const active =
      route.name === target.name || (target.name === 'library' && route.name === 'story');
    return (
      <a
        href={routeHash(target)}
        className={active ? 'nav-item active' : 'nav-item'}
        aria-current={active ? 'page' : undefined}
      >
        {label}
      </a>
    );
  };

  return (
    <div className="app">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            融
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        {nav({ name: 'library' }, t('nav.library'))}
        {nav({ name: 'trash' }, t('nav.trash'))}
        <QueuesNav route={route} />
        {user && nav({ name: 'desk' }, t('deskQueues.nav'))}
        <div className="sidebar-spacer" />
        <NotificationsBell desktop={info.host === 'electron'} />
        <SyncIndicator />
        <UpdateIndicator />
        {user?.role === 'admin' && nav({ name: 'admin' }, t('nav.admin'))}
        {nav({ name: 'settings' }, t('nav.settings'))}
      </nav>
      <main className="main">
        <NoticeBar initial={info.notices} storage={info.storage} />
        {route.name === 'library' && (
          <LibraryView trashed={false} onOpen={(id) => navigate({ name: 'story', id })} />
        )}
        {route.name === 'trash' && (
          <LibraryView trashed onOpen={(id) => navigate({ name: 'story', id })} />
        )}
        {route.name === 'settings' && <SettingsView info={info} />}
        {route.name === 'admin' && <AdminView />}
        {route.name === 'desk' && (
          <DeskQueuesView onOpen={(id) => navigate({ name: 'story', id })} />
        )}
        {route.name === 'queue' && (
          <QueueView queue={route.queue} onOpen={(id) => navigate({ name: 'story', id })} />
        )}
        {route.name === 'story' && (
          <WorkspaceView
            key={route.id}
            storyId={route.id}
            onBack={() => navigate({ name: 'library' })}
          />
        )}
      </main>
    </div>
  );
}
