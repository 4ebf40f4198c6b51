// The one seam for a story's authenticity record (sources, claims, image
// provenance). Signed in to a newsroom server, the server's record is the
// authority (终审 is checked against it): read with authenticity.get, changed
// with authenticity.apply. Signed out, the working copy in the story's Y.Doc
// (shared/review/authenticity-doc.ts) is used, which syncs with the text and
// works offline. The panel does not know which one it talks to.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { AuthenticityOp } from '@shared/authenticity/ops';
import type { AuthenticityRecord } from '@shared/authenticity/model';
import { appendAuthenticityOp, readAuthenticity } from '@shared/review/authenticity-doc';
import type { PersonActor } from '@shared/workflow/roles';
import { useHost } from '../app/host-context';
import { useSyncUser } from '../app/sync-status';
import { errorText } from '../common/error-text';
import { useDocValue } from './use-doc-value';
import { useReview } from './review-context';

export interface UseAuthenticity {
  record: AuthenticityRecord;
  /** Where the record lives: the newsroom server, or this story's document. */
  source: 'server' | 'document';
  /** Applies a change; the refusal in the reader's language, or null. */
  apply(op: AuthenticityOp): Promise<string | null>;
}

function useDocumentRecord(storyId: string, doc: Y.Doc, actor: PersonActor) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const state = useDocValue(doc, () => readAuthenticity(doc, storyId));
  const apply = useCallback(
    (op: AuthenticityOp) => {
      const r = appendAuthenticityOp(doc, storyId, op, actor, new Date().toISOString());
      return Promise.resolve(r.ok ? null : r.reason.message[lang]);
    },
    [doc, storyId, actor, lang],
  );
  return { record: state.record, apply };
}

function useServerRecord(storyId: string, enabled: boolean) {
  const host = useHost();
  const { t } = useTranslation();
  const [record, setRecord] = useState<AuthenticityRecord | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const load = () =>
      host.call('authenticity.get', { storyId }).then(
        (r) => alive && setRecord(r),
        () => alive && setRecord(null),
      );
    void load();
    const off = host.on('workflow.changed', ({ storyIds }) => {
      if (storyIds.includes(storyId)) void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [host, storyId, enabled]);
  const apply = useCallback(
    async (op: AuthenticityOp) => {
      try {
        setRecord(await host.call('authenticity.apply', { storyId, op }));
        return null;
      } catch (err) {
        return errorText(t, err);
      }
    },
    [host, storyId, t],
  );
  return { record, apply };
}

export function useAuthenticity(storyId: string): UseAuthenticity {
  const { doc, actor } = useReview();
  const signedIn = useSyncUser() != null;
  const local = useDocumentRecord(storyId, doc, actor);
  const server = useServerRecord(storyId, signedIn);
  // The server's copy once it answered (a story it does not have yet stays local).
  return signedIn && server.record
    ? { record: server.record, source: 'server', apply: server.apply }
    : { record: local.record, source: 'document', apply: local.apply };
}
