// Logs the contract calls a host answers: the call's name, how long it took,
// its outcome code and the story or document id it was about — never its
// input or output, which is where story text lives. Keystrokes (doc.push)
// are too many to log unless they fail.
import { HostError } from '@shared/api/errors';
import type { CallName } from '@shared/api/contract';
import type { Handlers } from './handlers';
import type { Logger, LogFields } from '../logs/logger';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DOC_RE = /^story:[0-9a-f-]{36}$/;
const QUIET: ReadonlySet<CallName> = new Set(['doc.push']);
const READS: ReadonlySet<CallName> = new Set([
  'app.info',
  'settings.get',
  'stories.list',
  'stories.get',
  'doc.open',
  'doc.close',
  'updates.status',
  'workflow.state',
  'workflow.queues',
  'workflow.notifications',
  'workflow.deliveries',
  'authenticity.get',
  'scan.lists.get',
]);

function ids(input: unknown): LogFields {
  if (!input || typeof input !== 'object') return {};
  const o = input as Record<string, unknown>;
  const out: LogFields = {};
  if (typeof o.id === 'string' && UUID_RE.test(o.id)) out.storyId = o.id;
  if (typeof o.newId === 'string' && UUID_RE.test(o.newId)) out.newStoryId = o.newId;
  if (typeof o.docId === 'string' && DOC_RE.test(o.docId)) out.docId = o.docId;
  if (typeof o.storyId === 'string' && UUID_RE.test(o.storyId)) out.storyId = o.storyId;
  // A workflow command's kind (sign_off, publish…), never its comment or reason.
  const cmd = o.command as Record<string, unknown> | undefined;
  if (cmd && typeof cmd.type === 'string' && /^[a-z_]{1,40}$/.test(cmd.type))
    out.command = cmd.type;
  return out;
}

export function withCallLog(handlers: Handlers, logger: Logger): Handlers {
  const wrapped: Record<string, unknown> = {};
  for (const name of Object.keys(handlers) as CallName[]) {
    const handler = handlers[name] as (i: unknown, c: unknown) => unknown;
    wrapped[name] = async (input: unknown, ctx: unknown) => {
      const started = performance.now();
      const done = (outcome: string, level: 'debug' | 'info' | 'warn') => {
        if (level === 'debug' && QUIET.has(name)) return;
        logger[level]('call', {
          call: name,
          outcome,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...ids(input),
        });
      };
      try {
        const value = await handler(input, ctx);
        done('ok', READS.has(name) || QUIET.has(name) ? 'debug' : 'info');
        return value;
      } catch (err) {
        done(err instanceof HostError ? err.code : 'internal', 'warn');
        throw err;
      }
    };
  }
  return wrapped as Handlers;
}
