// 复制富文本: the WeChat article's HTML and plain text on the clipboard, to
// paste into the 公众号 editor.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../../app/host-context';
import { useToast } from '../../../common/toast';
import { errorText } from '../../../common/error-text';
import { copyRichText } from '../../rich-copy';

export function WechatCopyButton({ storyId }: { storyId: string }) {
  const { t } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    try {
      const { html, text } = await host.call('variants.wechatClipboard', { storyId });
      await copyRichText(html, text);
      toast(t('workspace.wechat.copied'), 'info');
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => void copy()}
      title={t('workspace.wechat.copyHint')}
    >
      {t('workspace.wechat.copy')}
    </button>
  );
}
