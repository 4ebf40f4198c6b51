// The editorial workflow (story lifecycle and 三审三校) as pure functions:
// commands, events, decide/apply, progress, queues, timeline.
export * from './roles';
export * from './desks';
export * from './review-plan';
export * from './content-hash';
export * from './commands';
export * from './events';
export * from './state';
export * from './reasons';
export * from './names';
export * from './progress';
export * from './decide';
export * from './actions';
export * from './queues';
export * from './timeline';
export * from './invariants';
