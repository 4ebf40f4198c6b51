// The workspace's keyboard shortcuts, listed from the same table the keys use.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getChannel } from '@shared/channels';
import { SHORTCUTS } from './shortcuts';

export function ShortcutHelp() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <div className="menu">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={t('workspace.shortcuts')}
      >
        <span aria-hidden="true">⌨ </span>
        {t('workspace.shortcuts')}
      </button>
      {open && (
        <div className="menu-pop menu-right" role="group" aria-label={t('workspace.shortcuts')}>
          <dl className="shortcut-list">
            {SHORTCUTS.map((s) => (
              <div key={s.keys}>
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>
                  {t(s.label, {
                    channel:
                      s.action.kind === 'jump' && s.action.to !== 'master'
                        ? getChannel(s.action.to)!.name[lang]
                        : '',
                  })}
                </dd>
              </div>
            ))}
          </dl>
          <button type="button" className="link-button" onClick={() => setOpen(false)}>
            {t('common.close')}
          </button>
        </div>
      )}
    </div>
  );
}
