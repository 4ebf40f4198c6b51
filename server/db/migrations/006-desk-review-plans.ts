// A channel desk may run its own review chain (三审三校 steps, proofreading
// rounds): stored as the ReviewPlan JSON; null means the newsroom default
// for the desk's channel.
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'desk-review-plans',
  async up(db) {
    await db.schema.alterTable('desks').addColumn('review_plan', 'text').execute();
  },
};
