// Which channels this story goes to: a desk switches off Douyin for a story
// that has no video angle. Off channels have no pane and are not exported.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getChannel } from '@shared/channels';
import { CHANNEL_IDS, type ChannelId } from '@shared/domain/channel-ids';
import type { VariantState } from '@shared/variants/schemas';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';

export function ChannelMenu({
  storyId,
  state,
  onState,
}: {
  storyId: string;
  state: (c: ChannelId) => VariantState | undefined;
  onState: (s: VariantState) => void;
}) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  // The box shows the choice at once; the host's answer replaces it (or an error undoes it).
  const [pending, setPending] = useState<Partial<Record<ChannelId, boolean>>>({});
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const isOn = (c: ChannelId) => pending[c] ?? state(c)?.enabled !== false;
  const on = CHANNEL_IDS.filter(isOn).length;
  const toggle = async (c: ChannelId, enabled: boolean) => {
    setPending((p) => ({ ...p, [c]: enabled }));
    try {
      onState(await host.call('variants.setEnabled', { storyId, channel: c, enabled }));
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setPending((p) => {
        const next = { ...p };
        delete next[c];
        return next;
      });
    }
  };
  return (
    <div className="menu">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('workspace.channels', { on, total: CHANNEL_IDS.length })}
      </button>
      {open && (
        <div className="menu-pop" role="group" aria-label={t('workspace.channelsLabel')}>
          <p className="hint">{t('workspace.channelsHint')}</p>
          {CHANNEL_IDS.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={isOn(c)}
                disabled={!state(c)}
                onChange={(e) => void toggle(c, e.target.checked)}
              />
              {t('workspace.sendTo', { channel: getChannel(c)!.name[lang] })}
            </label>
          ))}
          <button type="button" className="link-button" onClick={() => setOpen(false)}>
            {t('common.close')}
          </button>
        </div>
      )}
    </div>
  );
}
