import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { Handlers } from '../../../electron/services/host/handlers';
import { HostError } from '@shared/api/errors';
import { newId } from '@shared/domain/ids';

const conn = { id: 't', emit: () => undefined };
function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) =>
      (target as Record<string, unknown>)[key] ??
      (() => {
        throw new Error(`unexpected ${key}`);
      }),
  });
}

describe('dispatch', () => {
  it('refuses unknown calls without running anything', async () => {
    const r = await dispatch(handlers({}), 'fs.readFile', {}, { connection: conn });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const proto = await dispatch(handlers({}), '__proto__', {}, { connection: conn });
    expect(proto).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('refuses malformed input with a typed error before the handler runs', async () => {
    const spy = vi.fn();
    const h = handlers({ 'stories.get': spy });
    for (const input of [
      null,
      'x',
      { id: 'not-a-uuid' },
      { id: '0190b7a0-0000-4000-8000-000000000000' },
    ]) {
      const r = await dispatch(h, 'stories.get', input, { connection: conn });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const push = await dispatch(
      h,
      'doc.push',
      { docId: `story:${newId()}`, clientId: 'client-01', update: '%%%not base64' },
      { connection: conn },
    );
    expect(push).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const oversized = await dispatch(
      h,
      'doc.push',
      { docId: `story:${newId()}`, clientId: 'client-01', update: 'A'.repeat(9 * 1024 * 1024) },
      { connection: conn },
    );
    expect(oversized).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('passes HostErrors through and hides other exceptions behind `internal`', async () => {
    const log = vi.fn();
    const h = handlers({
      'stories.get': () => {
        throw new HostError('not_found', 'gone', { id: 'x' });
      },
      'stories.trash': () => {
        throw new TypeError('secret internals');
      },
    });
    const id = newId();
    expect(await dispatch(h, 'stories.get', { id }, { connection: conn }, log)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'gone', details: { id: 'x' } },
    });
    const r = await dispatch(h, 'stories.trash', { id }, { connection: conn }, log);
    expect(r).toEqual({
      ok: false,
      error: { code: 'internal', message: 'unexpected error in the host' },
    });
    expect(log).toHaveBeenCalled();
  });

  it('checks what handlers return against the contract', async () => {
    const log = vi.fn();
    const h = handlers({ 'settings.get': () => ({ locale: 'fr' }) as never });
    const r = await dispatch(h, 'settings.get', {}, { connection: conn }, log);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.mock.calls[0]?.[0]).toMatch(/outside the contract/);
  });
});
