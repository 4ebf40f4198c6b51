// The one seam for a story's authenticity record (sources, claims, image
// provenance). Today it is the working copy in the story's Y.Doc
// (shared/review/authenticity-doc.ts), which syncs with the text and works
// offline; a server-authoritative copy can replace the reads and writes here
// without the panel changing.
import { useCallback } from 'react';
import type * as Y from 'yjs';
import type { AuthenticityOp } from '@shared/authenticity/ops';
import { appendAuthenticityOp, readAuthenticity } from '@shared/review/authenticity-doc';
import type { AuthenticityState } from '@shared/review/authenticity-doc';
import type { PersonActor } from '@shared/workflow/roles';
import type { Localized } from '@shared/domain/localized';
import { useDocValue } from './use-doc-value';
import { useReview } from './review-context';

export interface UseAuthenticity extends AuthenticityState {
  /** Applies a change; the reason (in both languages) when it was refused. */
  apply(op: AuthenticityOp): Localized | null;
}

export function useAuthenticity(storyId: string): UseAuthenticity {
  const { doc, actor } = useReview();
  return useAuthenticityIn(storyId, doc, actor);
}

function useAuthenticityIn(storyId: string, doc: Y.Doc, actor: PersonActor): UseAuthenticity {
  const state = useDocValue(doc, () => readAuthenticity(doc, storyId));
  const apply = useCallback(
    (op: AuthenticityOp) => {
      const r = appendAuthenticityOp(doc, storyId, op, actor, new Date().toISOString());
      return r.ok ? null : r.reason.message;
    },
    [doc, storyId, actor],
  );
  return { ...state, apply };
}
