// What every part of the review panel needs: the story's document, who is
// reviewing (as an annotation author and as a workflow actor), and the
// master pane's element for highlights and jumps.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Author } from '@shared/annotations';
import { RoleSchema, type PersonActor } from '@shared/workflow/roles';
import { useSyncUser } from '../app/sync-status';

export interface ReviewContextValue {
  storyId: string;
  doc: Y.Doc;
  author: Author;
  actor: PersonActor;
  /** The master pane (titles and body editor), when it is on screen. */
  master: () => HTMLElement | null;
}

const Ctx = createContext<ReviewContextValue | null>(null);

export function ReviewProvider({
  storyId,
  doc,
  master,
  children,
}: Omit<ReviewContextValue, 'author' | 'actor'> & { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useSyncUser();
  const value = useMemo<ReviewContextValue>(() => {
    const role = RoleSchema.safeParse(user?.role);
    // Signed out, the working copy is the desk's own: it may record and verify;
    // the server re-checks every change when the story reaches it.
    const actor: PersonActor = {
      kind: 'person',
      userId: user?.id && /^[A-Za-z0-9_.@-]+$/.test(user.id) ? user.id : 'local',
      roles: [role.success ? role.data : 'channel_editor'],
      desks: [],
    };
    return {
      storyId,
      doc,
      master,
      author: { id: user?.id ?? null, name: user?.displayName ?? t('review.localAuthor') },
      actor,
    };
  }, [storyId, doc, master, user, t]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useReview(): ReviewContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useReview outside ReviewProvider');
  return v;
}
