// People of the newsroom: role, desks, whether they may sign in, a new
// password; and a form to add someone.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { ROLES, type Role } from '@shared/domain/newsroom';
import type { AdminDirectory, AdminPerson } from '@shared/sync/admin';
import type { AdminActions } from './AdminView';

const MIN_PASSWORD = 10;

function PasswordForm({
  person,
  actions,
  onDone,
}: {
  person: AdminPerson;
  actions: AdminActions;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const host = useHost();
  const [password, setPassword] = useState('');
  const id = useId();
  return (
    <form
      className="admin-inline"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await actions.run(
          () => host.call('admin.setPassword', { userId: person.id, password }),
          t('admin.people.passwordSet', { name: person.displayName }),
        );
        if (ok) onDone();
      }}
    >
      <label htmlFor={id}>{t('admin.people.newPasswordFor', { name: person.displayName })}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="primary" disabled={password.length < MIN_PASSWORD}>
        {t('admin.people.setPassword')}
      </button>
      <button type="button" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

function PersonRow({
  person,
  dir,
  actions,
  self,
}: {
  person: AdminPerson;
  dir: AdminDirectory;
  actions: AdminActions;
  self: boolean;
}) {
  const { t } = useTranslation();
  const host = useHost();
  const [resetting, setResetting] = useState(false);
  const deskNames = person.deskIds
    .map((id) => dir.desks.find((d) => d.id === id)?.name)
    .filter((n): n is string => !!n);
  const name = person.displayName;
  return (
    <tr className={person.disabled ? 'admin-disabled' : undefined}>
      <th scope="row">
        {name}
        {self && <span className="badge">{t('admin.people.you')}</span>}
      </th>
      <td>
        <code>{person.login}</code>
      </td>
      <td>
        <select
          aria-label={t('admin.people.roleOf', { name })}
          value={person.role}
          onChange={(e) =>
            void actions.run(
              () =>
                host.call('admin.updateUser', {
                  userId: person.id,
                  change: { role: e.target.value as Role },
                }),
              t('admin.people.roleChanged', { name }),
            )
          }
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`admin.role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{deskNames.length ? deskNames.join('、') : <span className="hint">—</span>}</td>
      <td>
        {person.disabled ? (
          <span className="badge badge-warn">{t('admin.people.disabled')}</span>
        ) : (
          <span className="badge">{t('admin.people.active')}</span>
        )}
      </td>
      <td>
        <div className="admin-row-actions">
          {resetting ? (
            <PasswordForm person={person} actions={actions} onDone={() => setResetting(false)} />
          ) : (
            <>
              <button type="button" onClick={() => setResetting(true)}>
                {t('admin.people.resetPassword')}
              </button>
              {!self && (
                <button
                  type="button"
                  onClick={() =>
                    void actions.run(
                      () =>
                        host.call('admin.updateUser', {
                          userId: person.id,
                          change: { disabled: !person.disabled },
                        }),
                      t(
                        person.disabled ? 'admin.people.enabledDone' : 'admin.people.disabledDone',
                        {
                          name,
                        },
                      ),
                    )
                  }
                >
                  {t(person.disabled ? 'admin.people.enable' : 'admin.people.disable')}
                </button>
              )}
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

function NewPersonForm({ dir, actions }: { dir: AdminDirectory; actions: AdminActions }) {
  const { t } = useTranslation();
  const host = useHost();
  const ids = { name: useId(), login: useId(), role: useId(), password: useId() };
  const empty = { displayName: '', login: '', role: 'reporter' as Role, password: '' };
  const [form, setForm] = useState(empty);
  const [deskIds, setDeskIds] = useState<string[]>([]);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <form
      className="admin-form"
      aria-label={t('admin.people.add')}
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await actions.run(
          () =>
            host.call('admin.createUser', {
              ...form,
              displayName: form.displayName.trim(),
              login: form.login.trim(),
              deskIds,
            }),
          t('admin.people.added', { name: form.displayName.trim() }),
        );
        if (ok) {
          setForm(empty);
          setDeskIds([]);
        }
      }}
    >
      <h3>{t('admin.people.add')}</h3>
      <label htmlFor={ids.name}>{t('admin.people.name')}</label>
      <input id={ids.name} required value={form.displayName} onChange={set('displayName')} />
      <label htmlFor={ids.login}>{t('admin.people.login')}</label>
      <input
        id={ids.login}
        required
        autoComplete="off"
        value={form.login}
        onChange={set('login')}
      />
      <label htmlFor={ids.role}>{t('admin.people.role')}</label>
      <select id={ids.role} value={form.role} onChange={set('role')}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`admin.role.${r}`)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.password}>{t('admin.people.initialPassword')}</label>
      <input
        id={ids.password}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD}
        required
        value={form.password}
        onChange={set('password')}
      />
      <fieldset>
        <legend>{t('admin.people.desks')}</legend>
        {dir.desks.map((d) => (
          <label key={d.id} className="admin-check">
            <input
              type="checkbox"
              checked={deskIds.includes(d.id)}
              onChange={(e) =>
                setDeskIds((list) =>
                  e.target.checked ? [...list, d.id] : list.filter((x) => x !== d.id),
                )
              }
            />
            {d.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary">
        {t('admin.people.create')}
      </button>
      <p className="hint">{t('admin.people.passwordHint', { min: MIN_PASSWORD })}</p>
    </form>
  );
}

export function PeopleSection({
  dir,
  actions,
  selfId,
}: {
  dir: AdminDirectory;
  actions: AdminActions;
  selfId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="settings-section admin-section" aria-labelledby={id}>
      <h2 id={id}>{t('admin.people.title', { count: dir.people.length })}</h2>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.people.name')}</th>
            <th scope="col">{t('admin.people.login')}</th>
            <th scope="col">{t('admin.people.role')}</th>
            <th scope="col">{t('admin.people.desks')}</th>
            <th scope="col">{t('admin.people.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.people.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {dir.people.map((p) => (
            <PersonRow key={p.id} person={p} dir={dir} actions={actions} self={p.id === selfId} />
          ))}
        </tbody>
      </table>
      <NewPersonForm dir={dir} actions={actions} />
    </section>
  );
}
