// The machine pre-scan (机审): word lists, the automaton, checks, report.
export * from './report';
export * from './normalize';
export * from './aho-corasick';
export * from './term-matcher';
export * from './word-list';
export * from './default-lists';
export * from './messages';
export * from './scanner';
export { hostOf, isVerifiedHost } from './links';
