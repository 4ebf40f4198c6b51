// 设置: language, and where this installation keeps its data.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { changeLocale } from '../i18n';
import { LOCALES, type Locale } from '@shared/api/contract';
import type { AppInfo } from '../app/app-info';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { ServerSection } from './ServerSection';
import { WordListsSection } from './WordListsSection';
import { UpdatesSection } from '../updates/UpdatesSection';
import { DiagnosticsSection } from '../updates/DiagnosticsSection';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

type LinkKey = 'linkBaseUrl' | 'onlineBaseUrl';

/** A link setting, stored when the field loses focus (the host checks it is an http(s) URL). */
function LinkSetting({ name, initial }: { name: LinkKey; initial: string }) {
  const { t } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const id = useId();
  const [value, setValue] = useState(initial);
  const save = async () => {
    if (value.trim() === initial) return;
    try {
      await host.call('settings.update', { [name]: value.trim() });
      toast(t('settings.saved'), 'info');
    } catch (err) {
      toast(errorText(t, err), 'error');
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t(`settings.${name}`)}</label>
      <input
        id={id}
        type="url"
        value={value}
        placeholder="https://"
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
      />
      <span className="hint">{t(`settings.${name}Hint`)}</span>
    </div>
  );
}

export function SettingsView({ info }: { info: AppInfo }) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  // The choice shows at once; the language follows when the host has stored it.
  const [selected, setSelected] = useState(i18n.language);
  const [links, setLinks] = useState<Record<LinkKey, string> | null>(null);
  useEffect(() => {
    let alive = true;
    host.call('settings.get', {}).then(
      (s) =>
        alive &&
        setLinks({ linkBaseUrl: s.linkBaseUrl ?? '', onlineBaseUrl: s.onlineBaseUrl ?? '' }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [host]);
  const setLocale = async (locale: Locale) => {
    const previous = selected;
    setSelected(locale);
    setBusy(true);
    try {
      await host.call('settings.update', { locale });
      await changeLocale(locale);
    } catch (err) {
      setSelected(previous);
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="settings" aria-label={t('nav.settings')}>
      <h1>{t('nav.settings')}</h1>
      <fieldset disabled={busy}>
        <legend>{t('settings.language')}</legend>
        {LOCALES.map((l) => (
          <label key={l} className="radio">
            <input
              type="radio"
              name="locale"
              value={l}
              checked={selected === l}
              onChange={() => void setLocale(l)}
            />
            {/* Each language's name in itself, so anyone can find their own. */}
            <span lang={l}>{LOCALE_NAMES[l]}</span>
          </label>
        ))}
      </fieldset>
      <ServerSection />
      <WordListsSection />
      {links && (
        <fieldset className="links">
          <legend>{t('settings.links')}</legend>
          <LinkSetting
            key={`a${links.linkBaseUrl}`}
            name="linkBaseUrl"
            initial={links.linkBaseUrl}
          />
          <LinkSetting
            key={`b${links.onlineBaseUrl}`}
            name="onlineBaseUrl"
            initial={links.onlineBaseUrl}
          />
        </fieldset>
      )}
      <dl className="facts">
        <dt>{t('settings.version')}</dt>
        <dd>{info.version}</dd>
        <dt>{t('settings.host')}</dt>
        <dd>{t(`settings.hostKind.${info.host}`)}</dd>
        <dt>{t('settings.dataDir')}</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
      <p className="hint">{t('settings.dataHint')}</p>
      <UpdatesSection />
      <DiagnosticsSection />
    </section>
  );
}
