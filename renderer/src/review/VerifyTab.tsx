// 核实: the story's sources (named person or organisation, document, or
// anonymous with the reason), the factual claims that rest on them and who
// verified what, and where each image comes from (with the AI-generated /
// illustration flag every channel's caption must carry). Reads and writes go
// through useAuthenticity, the one seam to wherever the record is kept.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  authenticityProblems,
  finalApprovalBlockers,
  sourceName,
  syntheticLabel,
} from '@shared/authenticity/checks';
import {
  IMAGE_ORIGINS,
  SYNTHETIC_KINDS,
  VERIFICATION_METHODS,
  type Claim,
  type ImageProvenance,
  type Source,
  type SourceInput,
  type Verification,
} from '@shared/authenticity/model';
import type { AuthenticityOp } from '@shared/authenticity/ops';
import { makeAnchor, placeAnchor } from '@shared/annotations';
import { CHANNEL_IDS } from '@shared/domain/channel-ids';
import { newId } from '@shared/domain/ids';
import { formatDateTime } from '../i18n/format';
import { useAuthenticity } from './use-authenticity';
import { useReview } from './review-context';
import { masterSelection, selectInMaster } from './master-dom';

type Kind = Source['kind'];
const KINDS: Kind[] = ['person', 'organisation', 'document', 'anonymous'];
const shortId = () => newId().replace(/-/g, '').slice(-12);

/** A labelled one-line text field of the verification forms. */
function TextField({
  label,
  value,
  onChange,
  required,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  return (
    <label className="rv-field">
      <span>{label}</span>
      <input value={value} required={required} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A labelled choice among fixed values, each shown by its translated name (and an optional "none"). */
function ChoiceField<T extends string>({
  label,
  value,
  options,
  nameOf,
  onChange,
  none,
}: {
  label: string;
  value: T | null;
  options: readonly T[];
  nameOf: (option: T) => string;
  onChange: (value: T | null) => void;
  none?: string;
}) {
  return (
    <label className="rv-field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as T | null)}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {nameOf(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

function useLang(): 'zh-CN' | 'en' {
  return useTranslation().i18n.language === 'en' ? 'en' : 'zh-CN';
}

function Verified({ v }: { v: Verification | null }) {
  const { t, i18n } = useTranslation();
  const { actor, author } = useReview();
  if (!v) return <span className="rv-badge rv-unverified">{t('review.verify.unverified')}</span>;
  return (
    <span className="rv-badge rv-verified" title={v.note}>
      {t('review.verify.verifiedBy', {
        who: v.by === actor.userId ? author.name : v.by,
        when: formatDateTime(v.at, i18n.language),
        method: t(`review.verify.method.${v.method}`),
      })}
    </span>
  );
}

/** 核实: how it was checked, and a note. */
function VerifyForm({
  label,
  onVerify,
}: {
  label: string;
  onVerify: (method: Verification['method'], note: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [method, setMethod] = useState<Verification['method']>('phone');
  const [note, setNote] = useState('');
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('review.verify.verify')}
      </button>
    );
  return (
    <form
      className="rv-inline-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onVerify(method, note);
        setOpen(false);
      }}
    >
      <ChoiceField
        label={t('review.verify.howVerified')}
        value={method}
        options={VERIFICATION_METHODS}
        nameOf={(m) => t(`review.verify.method.${m}`)}
        onChange={(m) => m && setMethod(m)}
      />
      <TextField label={t('review.verify.note')} value={note} onChange={setNote} />
      <div className="rv-actions">
        <button type="submit" className="primary">
          {t('review.verify.markVerified')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function SourceForm({ onAdd }: { onAdd: (s: SourceInput) => Promise<string | null> }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('person');
  const [v, setV] = useState<Record<string, string>>({});
  const [required, setRequired] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const field = (name: string, opts: { required?: boolean } = {}) => (
    <TextField
      key={name}
      label={t(`review.verify.sourceField.${name}`)}
      value={v[name] ?? ''}
      required={opts.required}
      onChange={(value) => setV((x) => ({ ...x, [name]: value }))}
    />
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const base = { id: shortId(), required, note: v.note ?? '' };
    const g = (k: string) => (v[k] ?? '').trim();
    const input: SourceInput =
      kind === 'person'
        ? {
            ...base,
            kind,
            name: g('name'),
            affiliation: g('affiliation'),
            title: g('title'),
            contact: g('contact'),
          }
        : kind === 'organisation'
          ? { ...base, kind, name: g('name'), contact: g('contact') }
          : kind === 'document'
            ? {
                ...base,
                kind,
                title: g('docTitle'),
                issuer: g('issuer'),
                reference: g('reference'),
                date: g('date'),
              }
            : { ...base, kind, description: g('description'), reason: g('reason') };
    const refused = await onAdd(input);
    setError(refused);
    if (!refused) setV({});
  };
  return (
    <form
      className="rv-compose"
      aria-label={t('review.verify.addSource')}
      onSubmit={(e) => void submit(e)}
    >
      <ChoiceField
        label={t('review.verify.sourceKind')}
        value={kind}
        options={KINDS}
        nameOf={(k) => t(`review.verify.kind.${k}`)}
        onChange={(k) => k && setKind(k)}
      />
      {kind === 'person' && [
        field('name', { required: true }),
        field('affiliation'),
        field('title'),
        field('contact'),
      ]}
      {kind === 'organisation' && [field('name', { required: true }), field('contact')]}
      {kind === 'document' && [
        field('docTitle', { required: true }),
        field('issuer'),
        field('reference'),
        field('date'),
      ]}
      {kind === 'anonymous' && [
        field('description', { required: true }),
        field('reason', { required: true }),
      ]}
      <label className="rv-check">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        {t('review.verify.requiredSource')}
      </label>
      {error && (
        <p className="rv-error" role="alert">
          {error}
        </p>
      )}
      <div className="rv-actions">
        <button type="submit" className="primary">
          {t('review.verify.addSource')}
        </button>
      </div>
    </form>
  );
}

function ClaimForm({
  sources,
  onAdd,
  lastInput,
}: {
  sources: Source[];
  onAdd: (op: AuthenticityOp) => Promise<string | null>;
  lastInput: () => HTMLInputElement | HTMLTextAreaElement | null;
}) {
  const { t } = useTranslation();
  const { doc, master } = useReview();
  const [text, setText] = useState('');
  const [anchor, setAnchor] = useState<ReturnType<typeof makeAnchor>>(null);
  const [ids, setIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const fromSelection = () => {
    const m = master();
    const sel = m && masterSelection(m, doc, lastInput());
    const a = sel && makeAnchor(doc, sel.segment, sel.start, sel.end);
    setAnchor(a);
    if (a) setText(a.quote);
    else setError(t('review.comments.selectFirst'));
  };
  return (
    <form
      className="rv-compose"
      aria-label={t('review.verify.addClaim')}
      onSubmit={async (e) => {
        e.preventDefault();
        const refused = await onAdd({
          op: 'add_claim',
          claim: { id: shortId(), text: text.trim(), anchor, sourceIds: ids, required: true },
        });
        setError(refused);
        if (!refused) {
          setText('');
          setAnchor(null);
          setIds([]);
        }
      }}
    >
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={fromSelection}>
        {t('review.verify.claimFromSelection')}
      </button>
      <label className="rv-field">
        <span>{t('review.verify.claimText')}</span>
        <textarea rows={2} value={text} required onChange={(e) => setText(e.target.value)} />
      </label>
      {sources.length > 0 && (
        <fieldset className="rv-sources-pick">
          <legend>{t('review.verify.restsOn')}</legend>
          {sources.map((s) => (
            <label key={s.id} className="rv-check">
              <input
                type="checkbox"
                checked={ids.includes(s.id)}
                onChange={(e) =>
                  setIds((x) => (e.target.checked ? [...x, s.id] : x.filter((i) => i !== s.id)))
                }
              />
              {sourceName(s)}
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="rv-error" role="alert">
          {error}
        </p>
      )}
      <div className="rv-actions">
        <button type="submit" className="primary" disabled={!text.trim()}>
          {t('review.verify.addClaim')}
        </button>
      </div>
    </form>
  );
}

function ImageForm({ onSet }: { onSet: (p: ImageProvenance) => Promise<string | null> }) {
  const { t } = useTranslation();
  const [assetId, setAssetId] = useState('');
  const [origin, setOrigin] = useState<ImageProvenance['origin']>('staff');
  const [photographer, setPhotographer] = useState('');
  const [agency, setAgency] = useState('');
  const [placeName, setPlaceName] = useState('');
  const [synthetic, setSynthetic] = useState<ImageProvenance['synthetic']>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="rv-compose"
      aria-label={t('review.verify.addImage')}
      onSubmit={async (e) => {
        e.preventDefault();
        const refused = await onSet({
          assetId: assetId.trim(),
          origin,
          photographer,
          agency,
          placeName,
          exif: null,
          synthetic,
          captionLabels: {},
        });
        setError(refused);
        if (!refused) setAssetId('');
      }}
    >
      <TextField
        label={t('review.verify.imageId')}
        value={assetId}
        required
        onChange={setAssetId}
      />
      <ChoiceField
        label={t('review.verify.origin')}
        value={origin}
        options={IMAGE_ORIGINS}
        nameOf={(o) => t(`review.verify.originName.${o}`)}
        onChange={(o) => o && setOrigin(o)}
      />
      <TextField
        label={t('review.verify.photographer')}
        value={photographer}
        onChange={setPhotographer}
      />
      <TextField label={t('review.verify.agency')} value={agency} onChange={setAgency} />
      <TextField label={t('review.verify.placeName')} value={placeName} onChange={setPlaceName} />
      <ChoiceField
        label={t('review.verify.synthetic')}
        value={synthetic}
        options={SYNTHETIC_KINDS}
        nameOf={(k) => t(`review.verify.syntheticKind.${k}`)}
        onChange={setSynthetic}
        none={t('review.verify.notSynthetic')}
      />
      {error && (
        <p className="rv-error" role="alert">
          {error}
        </p>
      )}
      <div className="rv-actions">
        <button type="submit" className="primary" disabled={!assetId.trim()}>
          {t('review.verify.saveImage')}
        </button>
      </div>
    </form>
  );
}

function ClaimItem({
  c,
  sources,
  apply,
}: {
  c: Claim;
  sources: Source[];
  apply: (op: AuthenticityOp) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const { doc, master } = useReview();
  const place = c.anchor ? placeAnchor(doc, c.anchor) : null;
  const jump = () => {
    const m = master();
    if (m && c.anchor && place && place.state !== 'orphaned')
      selectInMaster(m, doc, c.anchor.segment, place.start, place.end);
  };
  return (
    <li className="rv-item" aria-label={c.text}>
      {place && place.state !== 'orphaned' ? (
        <button type="button" className="rv-quote rv-jump" onClick={jump}>
          {c.text}
        </button>
      ) : (
        <p className="rv-quote">{c.text}</p>
      )}
      <p className="rv-meta">
        {t('review.verify.restsOn')}：
        {c.sourceIds.length
          ? c.sourceIds
              .map((id) => {
                const s = sources.find((x) => x.id === id);
                return s ? sourceName(s) : id;
              })
              .join('、')
          : t('review.verify.noSource')}
      </p>
      <div className="rv-actions">
        <Verified v={c.verification} />
        {c.verification ? (
          <button
            type="button"
            onClick={() => apply({ op: 'revoke_claim_verification', id: c.id, note: '' })}
          >
            {t('review.verify.revoke')}
          </button>
        ) : (
          c.sourceIds.length > 0 && (
            <VerifyForm
              label={t('review.verify.verifyWhat', { what: c.text })}
              onVerify={(method, note) => apply({ op: 'verify_claim', id: c.id, method, note })}
            />
          )
        )}
        <button type="button" onClick={() => apply({ op: 'remove_claim', id: c.id })}>
          {t('review.verify.remove')}
        </button>
      </div>
    </li>
  );
}

export function VerifyTab({
  lastInput,
}: {
  lastInput: () => HTMLInputElement | HTMLTextAreaElement | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { storyId } = useReview();
  const auth = useAuthenticity(storyId);
  const [error, setError] = useState<string | null>(null);
  const apply = async (op: AuthenticityOp) => {
    const refused = await auth.apply(op);
    setError(refused);
    return refused;
  };
  const { record } = auth;
  const blockers = finalApprovalBlockers(record);
  const problems = authenticityProblems(record);
  return (
    <div className="rv-verify">
      <p className={blockers.length ? 'rv-blocking' : 'rv-hint'} role="status">
        {blockers.length
          ? t('review.verify.blockers', { n: blockers.length })
          : t('review.verify.noBlockers')}
      </p>
      <p className="rv-meta">{t(`review.verify.storedOn.${auth.source}`)}</p>
      {error && (
        <p className="rv-error" role="alert">
          {error}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="rv-problems" aria-label={t('review.verify.problems')}>
          {problems.map((p, i) => (
            <li key={i} className={`rv-${p.severity}`}>
              <span className={`sev sev-${p.severity === 'warning' ? 'warn' : p.severity}`}>
                {t(`review.scan.severity.${p.severity}`)}
              </span>{' '}
              {p.message[lang]}
            </li>
          ))}
        </ul>
      )}

      <section aria-label={t('review.verify.sources')}>
        <h3>{t('review.verify.sources')}</h3>
        <ul className="rv-list">
          {record.sources.map((s) => (
            <li key={s.id} className="rv-item" aria-label={sourceName(s)}>
              <p>
                <span className="rv-kind">{t(`review.verify.kind.${s.kind}`)}</span>{' '}
                <strong>{sourceName(s)}</strong>
                {s.required && <span className="rv-badge">{t('review.verify.required')}</span>}
              </p>
              {s.kind === 'anonymous' && (
                <p className="rv-meta">{t('review.verify.anonymousWhy', { reason: s.reason })}</p>
              )}
              <div className="rv-actions">
                <Verified v={s.verification} />
                {s.verification ? (
                  <button
                    type="button"
                    onClick={() => apply({ op: 'revoke_source_verification', id: s.id, note: '' })}
                  >
                    {t('review.verify.revoke')}
                  </button>
                ) : (
                  <VerifyForm
                    label={t('review.verify.verifyWhat', { what: sourceName(s) })}
                    onVerify={(method, note) =>
                      apply({ op: 'verify_source', id: s.id, method, note })
                    }
                  />
                )}
                <button type="button" onClick={() => apply({ op: 'remove_source', id: s.id })}>
                  {t('review.verify.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
        <details className="rv-add">
          <summary>{t('review.verify.addSource')}</summary>
          <SourceForm onAdd={(source) => apply({ op: 'add_source', source })} />
        </details>
      </section>

      <section aria-label={t('review.verify.claims')}>
        <h3>{t('review.verify.claims')}</h3>
        <ul className="rv-list">
          {record.claims.map((c) => (
            <ClaimItem key={c.id} c={c} sources={record.sources} apply={apply} />
          ))}
        </ul>
        <details className="rv-add">
          <summary>{t('review.verify.addClaim')}</summary>
          <ClaimForm sources={record.sources} onAdd={apply} lastInput={lastInput} />
        </details>
      </section>

      <section aria-label={t('review.verify.images')}>
        <h3>{t('review.verify.images')}</h3>
        <ul className="rv-list">
          {record.images.map((p) => (
            <li key={p.assetId} className="rv-item" aria-label={p.assetId}>
              <p>
                <strong>{p.assetId}</strong> · {t(`review.verify.originName.${p.origin}`)}
                {(p.photographer || p.agency) &&
                  ` · ${[p.photographer, p.agency].filter(Boolean).join(' / ')}`}
              </p>
              {p.synthetic && (
                <p className="rv-synthetic">
                  {t(`review.verify.syntheticKind.${p.synthetic}`)} ·{' '}
                  {t('review.verify.captionLabel', {
                    label: [...new Set(CHANNEL_IDS.map((c) => syntheticLabel(p, c)))].join(' / '),
                  })}
                </p>
              )}
              <div className="rv-actions">
                <button
                  type="button"
                  onClick={() => apply({ op: 'remove_image_provenance', assetId: p.assetId })}
                >
                  {t('review.verify.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
        <details className="rv-add">
          <summary>{t('review.verify.addImage')}</summary>
          <ImageForm onSet={(provenance) => apply({ op: 'set_image_provenance', provenance })} />
        </details>
      </section>
    </div>
  );
}
