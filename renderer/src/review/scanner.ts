// The machine pre-scan as the review panel runs it. Signed in, it uses the
// newsroom's own word lists (`scan.lists.get`), looked at again when the
// workflow moves, when the window regains focus, when this window saved new
// lists, and now and then; offline or signed out, the default lists (or the
// newsroom's as last seen). A scanner is compiled once per list version.
import { useEffect, useState } from 'react';
import {
  createScanner,
  DEFAULT_SENSITIVE_LIST_TEXT,
  DEFAULT_TYPO_LIST_TEXT,
  DEFAULT_VERIFIED_DOMAINS,
  parseSensitiveList,
  parseTypoList,
  type Scanner,
} from '@shared/scan';
import { useHost } from '../app/host-context';
import { useSyncUser } from '../app/sync-status';

export interface WordLists {
  sensitive: string;
  typos: string;
  /** The server's `updatedAt` (null: never edited, or the defaults). */
  version: string | null;
}

const DEFAULT_LISTS: WordLists = {
  sensitive: DEFAULT_SENSITIVE_LIST_TEXT,
  typos: DEFAULT_TYPO_LIST_TEXT,
  version: null,
};

let compiled: { lists: WordLists; scanner: Scanner } | null = null;
/** How many times a scanner was compiled (tests check the cache). */
let compilations = 0;

function sameLists(a: WordLists, b: WordLists): boolean {
  return a.version === b.version && a.sensitive === b.sensitive && a.typos === b.typos;
}

/** The scanner for these lists: the last one compiled when the version and texts are the same. */
export function scannerFor(lists: WordLists): Scanner {
  if (compiled && sameLists(compiled.lists, lists)) return compiled.scanner;
  const scanner = createScanner({
    sensitive: parseSensitiveList(lists.sensitive).list,
    typos: parseTypoList(lists.typos).list,
    verifiedDomains: DEFAULT_VERIFIED_DOMAINS,
  });
  compilations++;
  compiled = { lists, scanner };
  return scanner;
}

export function scannerCompilations(): number {
  return compilations;
}

export function defaultScanner(): Scanner {
  return scannerFor(DEFAULT_LISTS);
}

const LISTS_CHANGED = 'rongmei:scan-lists-changed';
/** How often the lists are looked at again without any other cue. */
export const LISTS_POLL_MS = 60_000;
/** Workflow events come in bursts; the lists are fetched at most this often because of them. */
const LISTS_EVENT_GAP_MS = 5_000;

/** This window saved new lists: every scanner in it fetches them now. */
export function scanListsChanged(): void {
  window.dispatchEvent(new Event(LISTS_CHANGED));
}

/** The newsroom's lists while signed in (the last seen ones while offline), else the defaults. */
export function useWordLists(): WordLists {
  const host = useHost();
  const signedIn = useSyncUser() != null;
  const [lists, setLists] = useState<WordLists | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!signedIn) return;
    let alive = true;
    host.call('scan.lists.get', {}).then(
      (l) => {
        if (!alive) return;
        const next = { sensitive: l.sensitive, typos: l.typos, version: l.updatedAt };
        setLists((prev) => (prev && sameLists(prev, next) ? prev : next));
      },
      // Offline: keep what we had (the newsroom's lists as last seen, or the defaults).
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [host, signedIn, tick]);
  useEffect(() => {
    if (!signedIn) return;
    let last = Date.now();
    const again = () => {
      last = Date.now();
      setTick((n) => n + 1);
    };
    const onEvent = () => Date.now() - last >= LISTS_EVENT_GAP_MS && again();
    const off = host.on('workflow.changed', onEvent);
    window.addEventListener('focus', onEvent);
    window.addEventListener(LISTS_CHANGED, again);
    const timer = setInterval(again, LISTS_POLL_MS);
    return () => {
      off();
      window.removeEventListener('focus', onEvent);
      window.removeEventListener(LISTS_CHANGED, again);
      clearInterval(timer);
    };
  }, [host, signedIn]);
  return (signedIn && lists) || DEFAULT_LISTS;
}

/** The compiled scanner for the lists in force (recompiled only when they change). */
export function useScanner(): Scanner {
  return scannerFor(useWordLists());
}
