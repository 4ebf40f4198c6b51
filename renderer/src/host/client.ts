// The renderer's one way to reach its host. It does not know whether the
// host is Electron's main process (preload bridge) or the web host.
import { BRIDGE_GLOBAL, type HostBridge } from '@shared/api/bridge';
import type {
  CallInput,
  CallName,
  CallOutput,
  EventName,
  EventPayload,
} from '@shared/api/contract';
import { HostError } from '@shared/api/errors';
import { createWebBridge } from './web-bridge';

export class HostClient {
  private readonly reconnectListeners = new Set<() => void>();

  constructor(
    readonly bridge: HostBridge & { onStatus?: (l: (open: boolean) => void) => () => void },
  ) {
    let wasOpen = true;
    bridge.onStatus?.((open) => {
      if (open && !wasOpen) this.reconnectListeners.forEach((l) => l());
      wasOpen = open;
    });
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const result = await this.bridge.call(name, input);
    if (!result.ok) throw HostError.from(result.error);
    return result.value;
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.bridge.subscribe(name, listener);
  }

  /** Called after the link to a web host came back (documents must be re-opened). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }
}

const TOKEN_KEY = 'rongmei.webhost.token';

/** Picks the preload bridge in Electron, else the web host (token from the URL once, then the session). */
export function connectToHost(): HostClient {
  const injected = (window as unknown as Record<string, HostBridge | undefined>)[BRIDGE_GLOBAL];
  if (injected) return new HostClient(injected);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = hash.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar, history and screenshots; `to` opens a page directly.
    const to = hash.get('to');
    history.replaceState(
      null,
      '',
      location.pathname + location.search + '#' + (to?.startsWith('/') ? to : '/'),
    );
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  return new HostClient(createWebBridge(token));
}
