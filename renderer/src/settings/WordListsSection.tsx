// 机审词库: the newsroom's sensitive-word list and 易错词 list, kept on the
// newsroom server as plain text (one entry per line). Desk heads, the
// editor-in-chief and administrators edit them; everyone else reads them.
// Import replaces the text from a .txt file; export downloads it.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useSyncUser } from '../app/sync-status';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { downloadBlob } from '../common/download';
import { scanListsChanged } from '../review/scanner';

type Kind = 'sensitive' | 'typos';
const KINDS: Kind[] = ['sensitive', 'typos'];
const EDITORS = ['desk_head', 'editor_in_chief', 'admin'];
/** Lists are text; a file much bigger than the server's cap is not a word list. */
const MAX_FILE_BYTES = 5_000_000;

interface Problem {
  kind: Kind;
  line: number;
  text: string;
}

export function WordListsSection() {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const user = useSyncUser();
  const toast = useToast();
  const [texts, setTexts] = useState<Record<Kind, string> | null>(null);
  const [saved, setSaved] = useState<Record<Kind, string> | null>(null);
  const [kind, setKind] = useState<Kind>('sensitive');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const ids = { h: useId(), area: useId() };
  const signedIn = !!user;
  const canEdit = EDITORS.includes(user?.role ?? '');

  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    host.call('scan.lists.get', {}).then(
      (l) => {
        if (!current) return;
        const next = { sensitive: l.sensitive, typos: l.typos };
        setTexts(next);
        setSaved(next);
        setError(null);
      },
      (err: unknown) => current && setError(errorText(t, err)),
    );
    return () => {
      current = false;
    };
  }, [host, t, signedIn]);

  if (!signedIn) return null;

  const save = async () => {
    if (!texts || !saved) return;
    setBusy(true);
    try {
      const changed = Object.fromEntries(
        KINDS.filter((k) => texts[k] !== saved[k]).map((k) => [k, texts[k]]),
      );
      const r = await host.call('scan.lists.put', changed);
      const next = { sensitive: r.sensitive, typos: r.typos };
      setTexts(next);
      setSaved(next);
      scanListsChanged();
      const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
      setProblems(r.problems.map((p) => ({ kind, line: p.line, text: p.message[lang] })));
      toast(
        r.problems.length
          ? t('wordLists.savedWithProblems', { count: r.problems.length })
          : t('wordLists.saved'),
        r.problems.length ? 'error' : 'info',
      );
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (f: File) => {
    if (f.size > MAX_FILE_BYTES) {
      toast(t('wordLists.tooLarge'), 'error');
      return;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(await f.arrayBuffer());
    setTexts((cur) => (cur ? { ...cur, [kind]: text.replace(/^\uFEFF/, '') } : cur));
    toast(t('wordLists.imported', { name: f.name }), 'info');
  };

  const dirty = !!texts && !!saved && KINDS.some((k) => texts[k] !== saved[k]);
  const lines = texts
    ? texts[kind].split('\n').filter((l) => l.trim() && !l.startsWith('#')).length
    : 0;

  return (
    <section className="settings-section word-lists" aria-labelledby={ids.h}>
      <h2 id={ids.h}>{t('wordLists.title')}</h2>
      <p className="hint">{t(canEdit ? 'wordLists.hint' : 'wordLists.readOnly')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {texts && (
        <>
          <div role="tablist" className="word-list-tabs" aria-label={t('wordLists.title')}>
            {KINDS.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={k === kind}
                aria-controls={ids.area}
                onClick={() => setKind(k)}
              >
                {t(`wordLists.kind.${k}`)}
              </button>
            ))}
          </div>
          <label htmlFor={ids.area} className="visually-hidden">
            {t(`wordLists.kind.${kind}`)}
          </label>
          <textarea
            id={ids.area}
            className="word-list-text"
            value={texts[kind]}
            readOnly={!canEdit}
            spellCheck={false}
            rows={14}
            onChange={(e) => setTexts({ ...texts, [kind]: e.target.value })}
          />
          <p className="hint">
            {t('wordLists.count', { count: lines })} · {t(`wordLists.format.${kind}`)}
          </p>
          {problems.filter((p) => p.kind === kind).length > 0 && (
            <ul className="word-list-problems" aria-label={t('wordLists.problems')}>
              {problems
                .filter((p) => p.kind === kind)
                .map((p) => (
                  <li key={`${p.line}-${p.text}`}>{p.text}</li>
                ))}
            </ul>
          )}
          <div className="admin-inline">
            {canEdit && (
              <>
                <button
                  type="button"
                  className="primary"
                  disabled={!dirty || busy}
                  onClick={() => void save()}
                >
                  {t('wordLists.save')}
                </button>
                <button type="button" onClick={() => file.current?.click()}>
                  {t('wordLists.import')}
                </button>
                <input
                  ref={file}
                  type="file"
                  accept=".txt,text/plain"
                  hidden
                  aria-label={t('wordLists.import')}
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    e.target.value = '';
                    if (f) void importFile(f);
                  }}
                />
              </>
            )}
            <button
              type="button"
              onClick={() =>
                downloadBlob(
                  t(`wordLists.fileName.${kind}`),
                  new Blob([texts[kind]], { type: 'text/plain;charset=utf-8' }),
                )
              }
            >
              {t('wordLists.export')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
