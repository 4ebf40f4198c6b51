// Desks: channel desks (报纸、微信…, each makes its channel's version) and
// topic desks (时政、农业农村…, where reporters file); who is in each.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { DESK_KINDS, type DeskKind } from '@shared/domain/newsroom';
import type { AdminDesk, AdminDirectory } from '@shared/sync/admin';
import { ReviewPlanEditor } from './ReviewPlanEditor';
import type { AdminActions } from './AdminView';

function DeskCard({
  desk,
  dir,
  actions,
}: {
  desk: AdminDesk;
  dir: AdminDirectory;
  actions: AdminActions;
}) {
  const { t } = useTranslation();
  const host = useHost();
  const [adding, setAdding] = useState('');
  const members = dir.people.filter((p) => p.deskIds.includes(desk.id));
  const others = dir.people.filter((p) => !p.deskIds.includes(desk.id) && !p.disabled);
  const headingId = useId();
  return (
    <li className="admin-desk" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {desk.name} <code>{desk.code}</code>{' '}
        <span className="badge">{t(`admin.desks.kind.${desk.kind}`)}</span>
      </h3>
      <ul className="admin-members" aria-label={t('admin.desks.membersOf', { desk: desk.name })}>
        {members.length === 0 && <li className="hint">{t('admin.desks.empty')}</li>}
        {members.map((p) => (
          <li key={p.id}>
            {p.displayName}
            <button
              type="button"
              className="icon-button"
              aria-label={t('admin.desks.remove', { name: p.displayName, desk: desk.name })}
              title={t('admin.desks.remove', { name: p.displayName, desk: desk.name })}
              onClick={() =>
                void actions.run(
                  () => host.call('admin.removeMember', { deskId: desk.id, userId: p.id }),
                  t('admin.desks.removed', { name: p.displayName, desk: desk.name }),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {desk.kind === 'channel' && <ReviewPlanEditor desk={desk} actions={actions} />}
      {others.length > 0 && (
        <form
          className="admin-inline"
          onSubmit={async (e) => {
            e.preventDefault();
            const person = others.find((p) => p.id === adding);
            if (!person) return;
            const ok = await actions.run(
              () => host.call('admin.addMember', { deskId: desk.id, userId: person.id }),
              t('admin.desks.added', { name: person.displayName, desk: desk.name }),
            );
            if (ok) setAdding('');
          }}
        >
          <select
            aria-label={t('admin.desks.addTo', { desk: desk.name })}
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
          >
            <option value="">{t('admin.desks.choosePerson')}</option>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}（{p.login}）
              </option>
            ))}
          </select>
          <button type="submit" disabled={!adding}>
            {t('admin.desks.add')}
          </button>
        </form>
      )}
    </li>
  );
}

function NewDeskForm({ actions }: { actions: AdminActions }) {
  const { t } = useTranslation();
  const host = useHost();
  const ids = { code: useId(), name: useId(), kind: useId() };
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DeskKind>('topic');
  return (
    <form
      className="admin-form"
      aria-label={t('admin.desks.new')}
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await actions.run(
          () => host.call('admin.createDesk', { code: code.trim(), name: name.trim(), kind }),
          t('admin.desks.created', { desk: name.trim() }),
        );
        if (ok) {
          setCode('');
          setName('');
        }
      }}
    >
      <h3>{t('admin.desks.new')}</h3>
      <label htmlFor={ids.name}>{t('admin.desks.name')}</label>
      <input id={ids.name} required value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={ids.code}>{t('admin.desks.code')}</label>
      <input
        id={ids.code}
        required
        pattern="[a-z][a-z0-9\-]{1,39}"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        aria-describedby={`${ids.code}-hint`}
      />
      <label htmlFor={ids.kind}>{t('admin.desks.kindLabel')}</label>
      <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as DeskKind)}>
        {DESK_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`admin.desks.kind.${k}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="primary">
        {t('admin.desks.create')}
      </button>
      <p className="hint" id={`${ids.code}-hint`}>
        {t('admin.desks.codeHint')}
      </p>
    </form>
  );
}

export function DesksSection({ dir, actions }: { dir: AdminDirectory; actions: AdminActions }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="settings-section admin-section" aria-labelledby={id}>
      <h2 id={id}>{t('admin.desks.title', { count: dir.desks.length })}</h2>
      <ul className="admin-desks">
        {dir.desks.map((d) => (
          <DeskCard key={d.id} desk={d} dir={dir} actions={actions} />
        ))}
      </ul>
      <NewDeskForm actions={actions} />
    </section>
  );
}
