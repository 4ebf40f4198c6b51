// 导入: a .docx, .txt or .md file becomes a new story.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { newId } from '@shared/domain/ids';
import { MAX_IMPORT_BYTES } from '@shared/api/contract';
import { HostError } from '@shared/api/errors';
import { bytesToBase64 } from '../common/base64';

export function ImportButton({ onImported }: { onImported: (id: string) => void }) {
  const { t } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File) => {
    setBusy(true);
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        throw new HostError('import_too_large', 'too large', {
          maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
          sizeMb: Math.round((file.size / 1024 / 1024) * 10) / 10,
        });
      }
      const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const story = await host.call('stories.import', { id: newId(), fileName: file.name, data });
      toast(t('library.imported', { name: file.name }));
      onImported(story.id);
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept=".docx,.txt,.md,.markdown,.html,.htm"
        aria-label={t('library.importFile')}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void onFile(f);
        }}
      />
      <button type="button" onClick={() => input.current?.click()} disabled={busy} aria-busy={busy}>
        {busy ? t('library.importing') : t('library.import')}
      </button>
    </>
  );
}
