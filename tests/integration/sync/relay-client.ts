// A desktop host's sync path without the rest of the host: a local "hub"
// document relayed to the server by the app's own DocRelay over the app's
// own HocuspocusProviderWebsocket (as SyncService builds them). Light enough
// to run thousands of times, with the proxy of fault-proxy.ts in between.
import * as Y from 'yjs';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { DocRelay } from '../../../electron/services/sync/doc-relay';
import { authedWebSocket, syncUrl } from '../../../electron/services/sync/sync-service';
import { fieldText } from '@shared/body/story-doc';
import { bodyRoot, readBodyBlocks } from '@shared/body/lexical-yjs-read';
import { readFields } from '@shared/body/story-doc';
import { TEXT_FIELDS, type TextField } from '@shared/domain/story';

export const FROM_SERVER = 'server';

export interface RelayClientOptions {
  serverUrl: string;
  docName: string;
  token: string;
  /** Socket reconnect schedule (ms); the app's own is 1 s … 30 s. */
  reconnect?: { delay: number; minDelay: number; maxDelay: number };
  /** Called when the relay says the server has every local edit so far, with the hub's state then. */
  onAck?(stateAtAck: Uint8Array): void;
}

export class RelayClient {
  readonly hub = new Y.Doc();
  readonly socket: HocuspocusProviderWebsocket;
  readonly relay: DocRelay;
  /** Every local update this client made, in order. */
  readonly made: Uint8Array[] = [];
  acks = 0;
  authFailed: string | null = null;

  constructor(readonly opts: RelayClientOptions) {
    const r = opts.reconnect ?? { delay: 1000, minDelay: 500, maxDelay: 30_000 };
    this.socket = new HocuspocusProviderWebsocket({
      url: syncUrl(opts.serverUrl),
      WebSocketPolyfill: authedWebSocket(opts.token),
      maxAttempts: 0,
      delay: r.delay,
      minDelay: r.minDelay,
      factor: 2,
      maxDelay: r.maxDelay,
    });
    this.relay = new DocRelay(
      opts.docName,
      Y.encodeStateAsUpdate(this.hub),
      this.socket,
      opts.token,
      {
        onRemoteUpdate: (u) => Y.applyUpdate(this.hub, u, FROM_SERVER),
        onAllAcknowledged: () => {
          this.acks++;
          opts.onAck?.(Y.encodeStateAsUpdate(this.hub));
        },
        onAuthFailed: (reason) => (this.authFailed = reason),
      },
    );
    // The hub hands every local edit to the relay at once, as SyncService.changed() does.
    this.hub.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === FROM_SERVER) return;
      this.made.push(u);
      this.relay.applyLocal(u);
    });
  }

  get idle(): boolean {
    return this.relay.idle;
  }

  destroy(): void {
    this.relay.destroy();
    this.socket.destroy();
    this.hub.destroy();
  }
}

/** What a story document says, in a form to compare: every text field and the body's blocks. */
export function contentOf(doc: Y.Doc): string {
  return JSON.stringify({ fields: readFields(doc), body: readBodyBlocks(doc) });
}

const HAN =
  '新华社北京电记者王立今年秋粮收购进度过半市场运行总体平稳各地粮食部门加强组织协调确保农民售粮顺畅';

/** A few characters of news Chinese, with a tag naming who wrote them. */
export function chinese(random: () => number, tag: string): string {
  const n = 1 + Math.floor(random() * 6);
  const start = Math.floor(random() * (HAN.length - n));
  return `${HAN.slice(start, start + n)}〔${tag}〕`;
}

/** One random edit: insert or delete at a random place in a random field or body paragraph. */
export function randomEdit(doc: Y.Doc, random: () => number, tag: string): void {
  const where = random();
  if (where < 0.55) {
    const field: TextField = TEXT_FIELDS[Math.floor(random() * TEXT_FIELDS.length)]!;
    const t = fieldText(doc, field);
    editText(t, random, tag);
    return;
  }
  const root = bodyRoot(doc);
  const paras = (root.toDelta() as Array<{ insert: unknown }>)
    .map((op) => op.insert)
    .filter((x): x is Y.XmlText => x instanceof Y.XmlText);
  if (paras.length === 0 || random() < 0.2) {
    // A new paragraph, as @lexical/yjs writes one: an XmlText child of the root.
    doc.transact(() => {
      const p = new Y.XmlText();
      p.setAttribute('__type', 'paragraph');
      root.insertEmbed(Math.floor(random() * (root.length + 1)), p);
      p.insert(0, chinese(random, tag));
    });
    return;
  }
  editText(paras[Math.floor(random() * paras.length)]!, random, tag);
}

function editText(t: Y.Text | Y.XmlText, random: () => number, tag: string): void {
  const len = t.length;
  if (len > 4 && random() < 0.35) {
    const at = Math.floor(random() * len);
    const n = Math.min(len - at, 1 + Math.floor(random() * 4));
    t.delete(at, n);
  } else {
    t.insert(Math.floor(random() * (len + 1)), chinese(random, tag));
  }
}
