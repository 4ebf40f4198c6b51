// The machine pre-scan as the review panel runs it: compiled once from the
// default lists (the newsroom's own lists arrive with the workflow calls).
import {
  createScanner,
  DEFAULT_SENSITIVE_LIST_TEXT,
  DEFAULT_TYPO_LIST_TEXT,
  DEFAULT_VERIFIED_DOMAINS,
  parseSensitiveList,
  parseTypoList,
  type Scanner,
} from '@shared/scan';

let scanner: Scanner | null = null;

export function defaultScanner(): Scanner {
  scanner ??= createScanner({
    sensitive: parseSensitiveList(DEFAULT_SENSITIVE_LIST_TEXT).list,
    typos: parseTypoList(DEFAULT_TYPO_LIST_TEXT).list,
    verifiedDomains: DEFAULT_VERIFIED_DOMAINS,
  });
  return scanner;
}
