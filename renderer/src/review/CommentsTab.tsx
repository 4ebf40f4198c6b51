// 批注: comments and suggestions on text ranges. Select text in the master,
// comment on it or propose a replacement; click a quote to jump to it.
// Everything is written to the story's Y.Doc, so it syncs like the text.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acceptSuggestion,
  addAnnotation,
  makeAnchor,
  mentionQuery,
  rejectSuggestion,
  reopen,
  reply,
  resolveComment,
  projectBody,
  type Anchor,
  type AnnotationKind,
} from '@shared/annotations';
import type * as Y from 'yjs';
import { getChannel } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import { formatDateTime } from '../i18n/format';
import { useReview } from './review-context';
import { masterSelection, selectInBody, selectInMaster, versionEditable } from './master-dom';
import { selectionInBody } from './dom-text';
import type { TargetedAnnotation } from './use-annotations';

interface Props {
  annotations: TargetedAnnotation[];
  active: string | null;
  onActive: (id: string | null) => void;
  lastInput: () => HTMLInputElement | HTMLTextAreaElement | null;
  /** The newsroom's people when signed in (names to @mention). */
  directory: readonly string[];
  /** Documents of the versions being edited (comments on their bodies live there). */
  versions: ReadonlyMap<ChannelId, Y.Doc>;
}

/** Where a new annotation goes: the master, or a version being edited. */
interface Target {
  channel: ChannelId | null;
  doc: Y.Doc;
}

/** A text box that offers known names after an @. */
function MentionBox({
  value,
  onChange,
  people,
  label,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  people: readonly string[];
  label: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [caret, setCaret] = useState(0);
  const q = mentionQuery(value, caret);
  const offers = q ? people.filter((p) => p.startsWith(q.query) && p !== q.query).slice(0, 5) : [];
  return (
    <div className="mention-box">
      <textarea
        aria-label={label}
        placeholder={placeholder}
        value={value}
        rows={2}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
      />
      {q && offers.length > 0 && (
        <ul className="mention-offers" aria-label={t('review.comments.mentionOffers')}>
          {offers.map((p) => (
            <li key={p}>
              <button
                type="button"
                onClick={() => {
                  onChange(`${value.slice(0, q.at)}@${p} ${value.slice(caret)}`);
                  setCaret(q.at + p.length + 2);
                }}
              >
                @{p}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Compose({
  kind,
  anchor,
  target,
  people,
  onDone,
}: {
  kind: AnnotationKind;
  anchor: Anchor;
  target: Target;
  people: readonly string[];
  onDone: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const { author } = useReview();
  const doc = target.doc;
  const [text, setText] = useState('');
  const [replacement, setReplacement] = useState(anchor.quote);
  const ok = kind === 'comment' ? text.trim().length > 0 : replacement !== anchor.quote;
  return (
    <form
      className="rv-compose"
      aria-label={t(`review.comments.new.${kind}`)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        const id = addAnnotation(doc, {
          kind,
          anchor,
          author,
          at: new Date().toISOString(),
          text,
          ...(kind === 'suggestion' ? { replacement } : {}),
        });
        onDone(id);
      }}
    >
      <blockquote className="rv-quote">{anchor.quote}</blockquote>
      {kind === 'suggestion' && (
        <label className="rv-field">
          <span>{t('review.comments.replacement')}</span>
          <input value={replacement} onChange={(e) => setReplacement(e.target.value)} />
        </label>
      )}
      <MentionBox
        value={text}
        onChange={setText}
        people={people}
        label={t(kind === 'comment' ? 'review.comments.text' : 'review.comments.why')}
        placeholder={t('review.comments.mentionHint')}
      />
      <div className="rv-actions">
        <button type="submit" className="primary" disabled={!ok}>
          {t(`review.comments.submit.${kind}`)}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Thread({
  a,
  people,
  active,
  onActive,
}: {
  a: TargetedAnnotation;
  people: readonly string[];
  active: boolean;
  onActive: (id: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const { author, master } = useReview();
  const doc = a.doc;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = () => new Date().toISOString();
  const p = a.placement;
  const closed = a.status !== 'open';
  const jump = () => {
    onActive(a.id);
    const m = master();
    if (!m || p.state === 'orphaned') return;
    if (a.channel === null) selectInMaster(m, doc, a.anchor.segment, p.start, p.end);
    else {
      const editable = versionEditable(m.closest('.workspace') ?? document, a.channel);
      if (editable) selectInBody(editable, doc, a.anchor.segment, p.start, p.end);
    }
  };
  return (
    <article
      className={`rv-thread rv-${a.kind} ${closed ? 'rv-closed' : ''} ${active ? 'rv-active' : ''}`}
      aria-label={t(`review.comments.kind.${a.kind}`) + '：' + a.anchor.quote}
    >
      <header className="rv-thread-head">
        <span className={`rv-kind rv-kind-${a.kind}`}>{t(`review.comments.kind.${a.kind}`)}</span>
        {a.channel && (
          <span className="rv-where">{getChannel(a.channel)?.name[lang] ?? a.channel}</span>
        )}
        {a.anchor.segment !== 'body' && (
          <span className="rv-where">
            {t(`story.${a.anchor.segment.slice(6)}`, { defaultValue: a.anchor.segment })}
          </span>
        )}
        {p.state === 'orphaned' && (
          <span className="rv-badge rv-orphaned" title={t('review.comments.orphanedHint')}>
            {t('review.comments.orphaned')}
          </span>
        )}
        {p.state === 'moved' && (
          <span className="rv-badge" title={t('review.comments.movedHint')}>
            {t('review.comments.moved')}
          </span>
        )}
        {closed && <span className="rv-badge">{t(`review.comments.status.${a.status}`)}</span>}
      </header>
      <button
        type="button"
        className="rv-quote rv-jump"
        disabled={p.state === 'orphaned'}
        title={t('review.comments.jump')}
        onClick={jump}
      >
        {p.state === 'orphaned' ? <s>{a.anchor.quote}</s> : p.text}
      </button>
      {a.kind === 'suggestion' && (
        <p className="rv-replacement">
          {t('review.comments.replaceWith')}
          <ins>{a.replacement || t('review.comments.deleteIt')}</ins>
        </p>
      )}
      <ol className="rv-messages">
        {a.thread.map((m) => (
          <li key={m.id}>
            <span className="rv-author">{m.author.name}</span>
            <time dateTime={m.at}>{formatDateTime(m.at, i18n.language)}</time>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>
      {closed && a.statusBy && (
        <p className="rv-status-line">
          {t(`review.comments.statusBy.${a.status}`, {
            who: a.statusBy.name,
            when: a.statusAt ? formatDateTime(a.statusAt, i18n.language) : '',
          })}
        </p>
      )}
      {error && (
        <p className="rv-error" role="alert">
          {error}
        </p>
      )}
      {!closed && (
        <form
          className="rv-reply"
          onSubmit={(e) => {
            e.preventDefault();
            if (reply(doc, a.id, author, now(), answer)) setAnswer('');
          }}
        >
          <MentionBox
            value={answer}
            onChange={setAnswer}
            people={people}
            label={t('review.comments.reply')}
            placeholder={t('review.comments.replyHint')}
          />
          {answer.trim() && <button type="submit">{t('review.comments.send')}</button>}
        </form>
      )}
      <div className="rv-actions">
        {a.kind === 'comment' && a.status === 'open' && (
          <button type="button" onClick={() => resolveComment(doc, a.id, author, now())}>
            {t('review.comments.resolve')}
          </button>
        )}
        {a.kind === 'suggestion' && a.status === 'open' && (
          <>
            <button
              type="button"
              className="primary"
              disabled={p.state === 'orphaned'}
              onClick={() => {
                const r = acceptSuggestion(doc, a.id, author, now());
                setError(r.ok ? null : t(`review.comments.acceptFailed.${r.reason}`));
              }}
            >
              {t('review.comments.accept')}
            </button>
            <button type="button" onClick={() => rejectSuggestion(doc, a.id, author, now())}>
              {t('review.comments.reject')}
            </button>
          </>
        )}
        {closed && (
          <button type="button" onClick={() => reopen(doc, a.id, author, now())}>
            {t('review.comments.reopen')}
          </button>
        )}
      </div>
    </article>
  );
}

export function CommentsTab({
  annotations,
  active,
  onActive,
  lastInput,
  directory,
  versions,
}: Props) {
  const { t } = useTranslation();
  const { doc, master, author } = useReview();
  const [composing, setComposing] = useState<{
    kind: AnnotationKind;
    anchor: Anchor;
    target: Target;
  } | null>(null);
  const [hint, setHint] = useState(false);
  const [showClosed, setShowClosed] = useState(false);
  const people = useMemo(() => {
    const names = new Set<string>(directory);
    for (const a of annotations) for (const m of a.thread) names.add(m.author.name);
    names.delete(author.name);
    return [...names];
  }, [annotations, author.name, directory]);
  const start = (kind: AnnotationKind) => {
    const m = master();
    const sel = m && masterSelection(m, doc, lastInput());
    let found: { anchor: Anchor; target: Target } | null = null;
    const anchor = sel && makeAnchor(doc, sel.segment, sel.start, sel.end);
    if (anchor) found = { anchor, target: { channel: null, doc } };
    // Not in the master: a version being edited?
    const root = m?.closest('.workspace') ?? document;
    for (const [channel, vdoc] of found ? [] : versions) {
      const editable = versionEditable(root, channel);
      const vsel = editable && selectionInBody(editable, projectBody(vdoc));
      const vanchor = vsel && makeAnchor(vdoc, 'body', vsel.start, vsel.end);
      if (vanchor) {
        found = { anchor: vanchor, target: { channel, doc: vdoc } };
        break;
      }
    }
    setHint(!found);
    setComposing(found ? { kind, ...found } : null);
  };
  const shown = annotations.filter((a) => showClosed || a.status === 'open');
  const closedCount = annotations.length - annotations.filter((a) => a.status === 'open').length;
  return (
    <div className="rv-comments">
      <div className="rv-toolbar">
        {/* mousedown would take the selection away from the text */}
        <button
          type="button"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => start('comment')}
        >
          {t('review.comments.add')}
        </button>
        <button
          type="button"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => start('suggestion')}
        >
          {t('review.comments.suggest')}
        </button>
        {closedCount > 0 && (
          <label className="rv-check">
            <input
              type="checkbox"
              checked={showClosed}
              onChange={(e) => setShowClosed(e.target.checked)}
            />
            {t('review.comments.showClosed', { n: closedCount })}
          </label>
        )}
      </div>
      {hint && !composing && <p className="rv-hint">{t('review.comments.selectFirst')}</p>}
      {composing && (
        <Compose
          key={composing.anchor.start ?? composing.anchor.quote}
          kind={composing.kind}
          anchor={composing.anchor}
          target={composing.target}
          people={people}
          onDone={(id) => {
            setComposing(null);
            if (id) onActive(id);
          }}
        />
      )}
      {shown.length === 0 && !composing && <p className="rv-empty">{t('review.comments.none')}</p>}
      {shown.map((a) => (
        <Thread key={a.id} a={a} people={people} active={a.id === active} onActive={onActive} />
      ))}
    </div>
  );
}
