// Relays one document between the host's hub and the newsroom server. The
// hub's copy stays the local authority: edits made here are applied to a
// replica that a Hocuspocus provider keeps in sync with the server; what the
// server sends arrives in the replica and is pushed into the hub (stored
// before anyone sees it, like a keystroke). The provider's "no unsynced
// changes" means the server has stored every local edit.
import * as Y from 'yjs';
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Transaction origin for what the hub hands the replica. */
const FROM_HUB = Symbol('from-hub');

export interface RelayHooks {
  /** An update that came from the server, to be stored and shown locally. */
  onRemoteUpdate(update: Uint8Array): void;
  /** The server has every local edit this relay was given so far. */
  onAllAcknowledged(): void;
  onAuthFailed(reason: string): void;
  /** Awareness (who is here, where their cursors are) changed on the server side. */
  onAwareness?(update: Uint8Array): void;
}

export class DocRelay {
  readonly replica = new Y.Doc();
  readonly provider: HocuspocusProvider;
  private destroyed = false;
  /** Local edits handed to the provider since it last reported everything acknowledged. */
  private waiting = false;

  /** This machine's windows' presence ids: never echoed back to them. */
  private readonly localClients = new Set<number>();

  constructor(
    readonly docId: string,
    initialState: Uint8Array,
    socket: HocuspocusProviderWebsocket,
    token: string,
    private readonly hooks: RelayHooks,
  ) {
    Y.applyUpdate(this.replica, initialState, FROM_HUB);
    this.waiting = true; // the first sync uploads whatever the server lacks
    this.replica.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_HUB && !this.destroyed) hooks.onRemoteUpdate(update);
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: docId,
      document: this.replica,
      token,
      onAuthenticationFailed: ({ reason }) => hooks.onAuthFailed(reason),
      onUnsyncedChanges: ({ number }) => {
        if (number === 0 && this.provider?.isSynced) this.settled();
      },
      onSynced: ({ state }) => {
        if (state && this.provider.unsyncedChanges === 0) this.settled();
      },
    });
    // Others' presence, passed on to this machine's windows — removals too
    // (someone left, or the link dropped and the provider cleared them), so a
    // cursor never lingers for a person who is no longer there.
    const aw = this.provider.awareness as Awareness | null;
    aw?.on('update', (changes: AwarenessChanges, origin: unknown) => {
      if (origin === FROM_HUB) {
        for (const c of changes.added) this.localClients.add(c);
        return;
      }
      if (this.destroyed || !hooks.onAwareness) return;
      const changed = [...changes.added, ...changes.updated, ...changes.removed].filter(
        (c) => c !== aw.clientID && !this.localClients.has(c),
      );
      if (changed.length) hooks.onAwareness(encodeAwarenessUpdate(aw, changed));
    });
    // Several documents share one socket; each provider is attached by hand.
    this.provider.attach();
  }

  private settled(): void {
    if (this.destroyed) return;
    this.waiting = false;
    this.hooks.onAllAcknowledged();
  }

  /** A local edit (already stored in the hub) to send to the server. */
  applyLocal(update: Uint8Array): void {
    if (this.destroyed) return;
    this.waiting = true;
    Y.applyUpdate(this.replica, update, FROM_HUB);
  }

  /** This window's presence (name, colour, cursor), to show to the others. */
  applyLocalAwareness(update: Uint8Array): void {
    const aw = this.provider.awareness as Awareness | null;
    if (aw && !this.destroyed) applyAwarenessUpdate(aw, update, FROM_HUB);
  }

  /** True when the server has acknowledged every local edit handed over. */
  get idle(): boolean {
    return !this.waiting && this.provider.isSynced && this.provider.unsyncedChanges === 0;
  }

  get synced(): boolean {
    return this.provider.isSynced;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider.destroy();
    this.replica.destroy();
  }
}
