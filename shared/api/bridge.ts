// The one surface the renderer sees. Electron's preload exposes an object
// that `satisfies HostBridge`; the web host's client implements it over a
// WebSocket; tests can implement it in memory.
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from './contract';
import type { CallResult } from './errors';

export interface HostBridge {
  readonly host: 'electron' | 'web';
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<CallOutput<N>>>;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'rongmei';

/** IPC channel names used between preload and main. */
export const IPC_CALL_CHANNEL = 'rongmei:call';
export const IPC_EVENT_CHANNEL = 'rongmei:event';
