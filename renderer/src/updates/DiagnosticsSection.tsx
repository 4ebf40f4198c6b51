// Settings → 诊断信息: one button that packs the logs and version facts into
// a zip for IT. The desktop app asks where to save it; in a browser the
// file is downloaded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { downloadBase64 } from '../common/download';

export function DiagnosticsSection() {
  const { t } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const collect = async () => {
    setBusy(true);
    try {
      const r = await host.call('diagnostics.collect', {});
      if (r.data) {
        downloadBase64(r.fileName, r.data, 'application/zip');
        toast(t('diagnostics.downloaded', { name: r.fileName }));
      } else if (r.savedTo) {
        toast(t('diagnostics.saved', { path: r.savedTo }));
      }
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="settings-section" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">{t('diagnostics.title')}</h2>
      <p className="hint">{t('diagnostics.hint')}</p>
      <button type="button" onClick={() => void collect()} disabled={busy}>
        {busy ? t('diagnostics.collecting') : t('diagnostics.collect')}
      </button>
    </section>
  );
}
