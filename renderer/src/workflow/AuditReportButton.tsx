// 导出审计报告: the story's audit report from the server — every workflow
// event with who, when and the content hash, and whether the hash chain
// holds — downloaded as Markdown (readable) and JSON (for tools).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { downloadBlob } from '../common/download';

export function AuditReportButton({ storyId }: { storyId: string }) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const exportReport = async () => {
    setBusy(true);
    try {
      const locale = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
      const r = await host.call('audit.report', { storyId, locale });
      const base = `audit-${storyId}`;
      downloadBlob(`${base}.md`, new Blob([r.markdown], { type: 'text/markdown;charset=utf-8' }));
      downloadBlob(
        `${base}.json`,
        new Blob([JSON.stringify(r.report, null, 2)], { type: 'application/json' }),
      );
      toast(t('review.workflow.auditExported'), 'info');
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" disabled={busy} onClick={() => void exportReport()}>
      {t('review.workflow.auditExport')}
    </button>
  );
}
