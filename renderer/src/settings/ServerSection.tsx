// 编辑部服务器: sign in to the newsroom server, see who is signed in, sign out.
// The password goes to the host, which keeps only the session it gets back.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useSyncStatus } from '../app/sync-status';
import { errorText } from '../common/error-text';

export function ServerSection() {
  const { t } = useTranslation();
  const host = useHost();
  const status = useSyncStatus();
  const [serverUrl, setServerUrl] = useState(status?.serverUrl ?? '');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { url: useId(), login: useId(), password: useId() };

  if (status?.user) {
    return (
      <section className="settings-section" aria-labelledby={`${ids.url}-h`}>
        <h2 id={`${ids.url}-h`}>{t('sync.serverTitle')}</h2>
        <p>
          {t('sync.signedInAs', { name: status.user.displayName, login: status.user.login })} ·{' '}
          <code>{status.serverUrl}</code>
        </p>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await host.call('sync.signOut', {});
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('sync.signOut')}
        </button>
        <p className="hint">{t('sync.signOutHint')}</p>
      </section>
    );
  }

  return (
    <section className="settings-section" aria-labelledby={`${ids.url}-h`}>
      <h2 id={`${ids.url}-h`}>{t('sync.serverTitle')}</h2>
      <form
        className="sign-in"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await host.call('sync.signIn', {
              serverUrl: serverUrl.trim(),
              login: login.trim(),
              password,
            });
            setPassword('');
          } catch (err) {
            setError(errorText(t, err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label htmlFor={ids.url}>{t('sync.serverUrl')}</label>
        <input
          id={ids.url}
          type="url"
          required
          placeholder="https://newsroom.example.cn"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
        />
        <label htmlFor={ids.login}>{t('sync.login')}</label>
        <input
          id={ids.login}
          type="text"
          required
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
        />
        <label htmlFor={ids.password}>{t('sync.password')}</label>
        <input
          id={ids.password}
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? t('sync.signingIn') : t('sync.signIn')}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <p className="hint">{t('sync.offlineHint')}</p>
    </section>
  );
}
