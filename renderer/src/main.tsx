import { createRoot } from 'react-dom/client';
import { connectToHost } from './host/client';
import { initI18n } from './i18n';
import { HostContext } from './app/host-context';
import { App } from './app/App';
import { ToastProvider } from './common/toast';
import { SyncStatusProvider } from './app/sync-status';
import './styles.css';

async function start() {
  const host = connectToHost();
  const [settings, info] = await Promise.all([
    host.call('settings.get', {}),
    host.call('app.info', {}),
  ]);
  await initI18n(settings.locale);
  createRoot(document.getElementById('root')!).render(
    <HostContext.Provider value={host}>
      <SyncStatusProvider>
        <ToastProvider>
          <App info={info} />
        </ToastProvider>
      </SyncStatusProvider>
    </HostContext.Provider>,
  );
}

void start().catch((err: unknown) => {
  // Before i18n is up there is no translation to use: say it in both languages.
  const root = document.getElementById('root')!;
  root.textContent = `无法连接到融媒主进程 / Cannot reach the Rongmei host: ${String(err)}`;
  root.setAttribute('role', 'alert');
});
