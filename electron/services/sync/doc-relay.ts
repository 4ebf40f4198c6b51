// Relays one document between the host's hub and the newsroom server. The
// hub's copy stays the local authority: edits made here are applied to a
// replica that a Hocuspocus provider keeps in sync with the server; what the
// server sends arrives in the replica and is pushed into the hub (stored
// before anyone sees it, like a keystroke).
//
// "Acknowledged" is counted here from the frames on the current socket
// (wire-tap.ts), not taken from the provider's counter, which is wrong after
// a reconnect. On each connection the relay is settled once the server's
// state has arrived, our answer to the server's state vector (sync step 2:
// everything the server lacked) has gone out, and every document frame sent
// on this socket that the server acknowledges (step 2 and updates) has been
// acknowledged as stored. Whatever was sent on a socket that died is covered
// by the next connection's step 2.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { TappedWebSocket, type WireObserver } from './wire-tap';

// Hocuspocus message types and y-protocols sync steps.
const MSG_SYNC = 0;
const MSG_SYNC_REPLY = 4;
const MSG_SYNC_STATUS = 8;
const STEP_2 = 1;
const STEP_UPDATE = 2;

interface Wire {
  ws: TappedWebSocket;
  observer: WireObserver;
  /** Frames sent on this socket that the server answers with SyncStatus. */
  sent: number;
  acked: number;
  /** Our sync step 2 (all the server lacked when it told us its state) went out on this socket. */
  answered: boolean;
  /** The server's sync step 2 (all we lacked) arrived on this socket. */
  caughtUp: boolean;
}

/** Document name, message type and sync step (or -1) of a frame. */
function frameKind(frame: Uint8Array): { doc: string; type: number; step: number; flag: number } {
  try {
    const d = decoding.createDecoder(frame);
    const doc = decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    let step = -1;
    let flag = -1;
    if (type === MSG_SYNC || type === MSG_SYNC_REPLY) step = decoding.readVarUint(d);
    else if (type === MSG_SYNC_STATUS) flag = decoding.readVarInt(d);
    return { doc, type, step, flag };
  } catch {
    return { doc: '', type: -1, step: -1, flag: -1 };
  }
}

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
    private readonly socket: HocuspocusProviderWebsocket,
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
    // Follow the socket's connections: a new WebSocket is made for every (re)connect.
    this.onSocketStatus = () => this.follow();
    socket.on('status', this.onSocketStatus);
    this.follow();
    // Several documents share one socket; each provider is attached by hand.
    this.provider.attach();
    this.follow();
  }

  private readonly onSocketStatus: () => void;
  private wire: Wire | null = null;

  /** Starts counting on the socket's current WebSocket (fresh counts for a fresh connection). */
  private follow(): void {
    const ws = this.socket.webSocket as unknown;
    if (this.wire?.ws === ws) return;
    if (this.wire) this.wire.ws.observers.delete(this.wire.observer);
    this.wire = null;
    if (!(ws instanceof TappedWebSocket) || this.destroyed) return;
    const wire: Wire = {
      ws,
      sent: 0,
      acked: 0,
      answered: false,
      caughtUp: false,
      observer: {
        sent: (frame) => {
          const k = frameKind(frame);
          if (k.doc !== this.docId || k.type !== MSG_SYNC) return;
          if (k.step === STEP_2) {
            wire.answered = true;
            wire.sent++;
          } else if (k.step === STEP_UPDATE) wire.sent++;
        },
        received: (frame) => {
          const k = frameKind(frame);
          if (k.doc !== this.docId) return;
          if ((k.type === MSG_SYNC || k.type === MSG_SYNC_REPLY) && k.step === STEP_2)
            wire.caughtUp = true;
          else if (k.type === MSG_SYNC_STATUS && k.flag === 1) wire.acked++;
          else return;
          // After the provider has applied this frame (the server's step 2 lands in the replica).
          queueMicrotask(() => {
            if (this.wire === wire && this.wireSettled(wire)) this.settled();
          });
        },
      },
    };
    ws.observers.add(wire.observer);
    this.wire = wire;
  }

  private wireSettled(w: Wire | null): boolean {
    return !!w && w.ws.readyState === w.ws.OPEN && w.caughtUp && w.answered && w.acked >= w.sent;
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
    return !this.waiting && this.wireSettled(this.wire);
  }

  get synced(): boolean {
    return this.provider.isSynced;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.socket.off('status', this.onSocketStatus);
    if (this.wire) this.wire.ws.observers.delete(this.wire.observer);
    this.wire = null;
    this.provider.destroy();
    this.replica.destroy();
  }
}
