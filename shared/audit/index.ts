// The hash-chained audit log, its verifier and per-story reports.
export * from './chain';
export * from './ndjson';
export * from './report';
