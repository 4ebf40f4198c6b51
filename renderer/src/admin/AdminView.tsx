// 管理: the administrator's screen — people (role, desks, sign-in, password)
// and desks (channel and topic desks, who is in them). Everything is decided
// by the newsroom server; this screen shows its answers and its refusals.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useHost } from '../app/host-context';
import { useSyncUser } from '../app/sync-status';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { HostError } from '@shared/api/errors';
import type { AdminDirectory } from '@shared/sync/admin';
import { PeopleSection } from './PeopleSection';
import { DesksSection } from './DesksSection';

/** The server's refusals in the admin's words (which rule, which name). */
export function adminErrorText(t: TFunction, err: unknown): string {
  if (err instanceof HostError && err.code === 'conflict') {
    const d = err.details ?? {};
    if (d.reason === 'last_admin') return t('admin.errors.lastAdmin');
    if (d.reason === 'self') return t('admin.errors.self');
    if (typeof d.login === 'string') return t('admin.errors.loginTaken', { login: d.login });
    if (typeof d.code === 'string') return t('admin.errors.codeTaken', { code: d.code });
  }
  if (err instanceof HostError && err.code === 'forbidden') return t('admin.errors.forbidden');
  if (err instanceof HostError && err.code === 'invalid_input') return t('admin.errors.invalid');
  return errorText(t, err);
}

export interface AdminActions {
  /** Runs a change on the server, says how it went, and reloads the directory. */
  run(change: () => Promise<unknown>, done: string): Promise<boolean>;
}

export function AdminView() {
  const { t } = useTranslation();
  const host = useHost();
  const user = useSyncUser();
  const toast = useToast();
  const [dir, setDir] = useState<AdminDirectory | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Bumped after every change so the directory is read again from the server.
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const isAdmin = user?.role === 'admin';
  useEffect(() => {
    if (!isAdmin) return;
    let current = true;
    host.call('admin.directory', {}).then(
      (d) => {
        if (!current) return;
        setDir(d);
        setError(null);
      },
      (err: unknown) => current && setError(adminErrorText(t, err)),
    );
    return () => {
      current = false;
    };
  }, [host, t, isAdmin, generation]);

  const actions: AdminActions = {
    async run(change, done) {
      try {
        await change();
        toast(done, 'info');
        reload();
        return true;
      } catch (err) {
        toast(adminErrorText(t, err), 'error');
        return false;
      }
    },
  };

  return (
    <div className="settings admin">
      <h1>{t('admin.title')}</h1>
      {!isAdmin ? (
        <p className="hint" role="note">
          {t('admin.adminsOnly')}
        </p>
      ) : error ? (
        <p className="error" role="alert">
          {error}{' '}
          <button type="button" onClick={reload}>
            {t('admin.retry')}
          </button>
        </p>
      ) : !dir ? (
        <p className="hint">{t('admin.loading')}</p>
      ) : (
        <>
          <PeopleSection dir={dir} actions={actions} selfId={user?.id ?? ''} />
          <DesksSection dir={dir} actions={actions} />
        </>
      )}
    </div>
  );
}
