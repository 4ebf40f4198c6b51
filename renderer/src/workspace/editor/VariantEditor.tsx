// A channel's version edited in place: its own Y.Doc bound to the variant
// document through a HostDocProvider (so every keystroke is stored before it
// is acknowledged, like the master), the text fields as Y.Text inputs, the
// body in the same Lexical editor as the master, and the channel's own
// controls (tags, switches, Douyin's cards, print layout).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { getChannel, type ProblemLocation } from '@shared/channels';
import { variantDocId, fieldsMap } from '@shared/body/story-doc';
import type { ChannelId } from '@shared/domain/channel-ids';
import { variantText } from '@shared/variants/variant-doc';
import { useHost } from '../../app/host-context';
import { HostDocProvider } from '../../story/host-doc-provider';
import { BodyEditor } from '../../story/BodyEditor';
import { YTextInput } from '../../story/YTextInput';
import { KeywordsInput } from '../../story/KeywordsInput';
import { SaveIndicator } from '../../story/SaveIndicator';
import { useFieldValue } from '../../story/use-field-value';
import { FIELD_ORIGIN } from '../../story/local-origin';
import { CHANNEL_UI } from '../channels';
import type { FieldSpec } from '../channels/types';
import { focusTarget } from './focus-target';

const readStrings = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
const readBool = (raw: unknown) => raw === true;

function TagsField({ doc, channel, field }: { doc: Y.Doc; channel: ChannelId; field: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useFieldValue(doc, field, readStrings);
  return (
    <div data-field={field}>
      <KeywordsInput
        value={value}
        onChange={setValue}
        label={t(`variant.fields.${channel}.${field}`)}
        removeLabel={(item) => t('workspace.removeItem', { item })}
        placeholder={t('workspace.tagsPlaceholder')}
      />
    </div>
  );
}

function ToggleField({ doc, channel, field }: { doc: Y.Doc; channel: ChannelId; field: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useFieldValue(doc, field, readBool);
  return (
    <label className="check" data-field={field}>
      <input type="checkbox" checked={value} onChange={(e) => setValue(e.target.checked)} />
      {t(`variant.fields.${channel}.${field}`)}
    </label>
  );
}

interface Props {
  storyId: string;
  channel: ChannelId;
  /** Where to put the caret once the document is in (a problem the desk clicked). */
  target: ProblemLocation | null;
  onTargetDone: () => void;
}

export function VariantEditor({ storyId, channel, target, onTargetDone }: Props) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const root = useRef<HTMLDivElement>(null);
  const [synced, setSynced] = useState(false);
  const channelDef = getChannel(channel)!;
  const name = channelDef.name[i18n.language === 'en' ? 'en' : 'zh-CN'];
  const { doc, provider } = useMemo(() => {
    const d = new Y.Doc();
    return { doc: d, provider: new HostDocProvider(variantDocId(storyId, channel), d, host) };
  }, [storyId, channel, host]);
  const hasBody = !!channelDef.docLayout.body;

  useEffect(() => {
    const onSync = (ok: boolean) => ok && setSynced(true);
    provider.on('sync', onSync as (a: never) => void);
    const offStorage = host.on('storage.status', (s) => {
      if (!s.writable && s.code) provider.noteStorageProblem(s.code);
    });
    const flush = () => provider.flush();
    window.addEventListener('pagehide', flush);
    // Without a body there is no Lexical plugin to connect the provider: do it here.
    if (!hasBody) void provider.connect();
    return () => {
      provider.off('sync', onSync as (a: never) => void);
      offStorage();
      window.removeEventListener('pagehide', flush);
      if (!hasBody) provider.disconnect();
    };
  }, [provider, host, hasBody]);

  useEffect(() => {
    if (!synced || !target || !root.current) return;
    // Give Lexical a frame to render the body before looking for a paragraph in it.
    const raf = requestAnimationFrame(() => {
      if (root.current) focusTarget(root.current, target);
      onTargetDone();
    });
    return () => cancelAnimationFrame(raf);
  }, [synced, target, onTargetDone]);

  const field = (f: FieldSpec) => {
    const label = t(`variant.fields.${channel}.${f.field}`);
    switch (f.kind) {
      case 'text':
      case 'multiline':
        return (
          <div key={f.field} data-field={f.field}>
            <YTextInput
              text={variantText(doc, f.field)}
              label={label}
              multiline={f.kind === 'multiline'}
              rows={f.rows}
              onEdit={
                channel === 'wechat' && f.field === 'digest'
                  ? () => doc.transact(() => fieldsMap(doc).set('digestAuto', false), FIELD_ORIGIN)
                  : undefined
              }
            />
          </div>
        );
      case 'tags':
        return <TagsField key={f.field} doc={doc} channel={channel} field={f.field} />;
      case 'toggle':
        return <ToggleField key={f.field} doc={doc} channel={channel} field={f.field} />;
      case 'cards':
      case 'custom':
        return f.Editor ? <f.Editor key={f.field} doc={doc} field={f.field} /> : null;
      case 'body':
        return (
          <div key="body" className="variant-body" data-field="body">
            <BodyEditor
              provider={provider}
              doc={doc}
              userName={t('story.me')}
              label={t('workspace.bodyOf', { channel: name })}
              saveTestId={`save-state-${channel}`}
            />
          </div>
        );
    }
  };

  const fields = CHANNEL_UI[channel].fields;
  return (
    <div
      className="variant-editor"
      ref={root}
      aria-label={t('workspace.editorOf', { channel: name })}
    >
      {synced && fields.filter((f) => f.kind !== 'body').map(field)}
      {hasBody ? (
        field({ field: 'body', kind: 'body' })
      ) : (
        <div className="variant-save">
          <SaveIndicator provider={provider} testId={`save-state-${channel}`} />
        </div>
      )}
    </div>
  );
}
