// Authenticity supervision: sources, claims, image provenance, and the checks 终审 relies on.
export * from './model';
export * from './checks';
export * from './ops';
