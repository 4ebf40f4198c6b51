// One entry point for every transport (Electron IPC, the web host's
// WebSocket and HTTP): unknown calls and malformed input are refused with a
// typed error before any handler runs, and nothing a handler throws can take
// the host down.
import type { z } from 'zod';
import { calls, isCallName } from '@shared/api/contract';
import { HostError, type CallResult } from '@shared/api/errors';
import type { CallContext, Handlers } from './handlers';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
    .join('; ');
}

export type Logger = (msg: string, err?: unknown) => void;

export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  ctx: CallContext,
  log: Logger = (m, e) => console.error(m, e),
): Promise<CallResult<unknown>> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: { code: 'unknown_call', message: `no call named ${String(name).slice(0, 80)}` },
    };
  }
  const spec = calls[name];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
  }
  try {
    const handler = handlers[name] as (i: unknown, c: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log(`host bug: ${name} returned data outside the contract: ${describeIssues(checked.error)}`);
      return {
        ok: false,
        error: { code: 'internal', message: 'the host returned an invalid result' },
      };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof HostError) return { ok: false, error: err.toData() };
    log(`call ${name} failed`, err);
    return { ok: false, error: { code: 'internal', message: 'unexpected error in the host' } };
  }
}
