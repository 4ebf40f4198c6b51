// Desktop hosts (the app's services, as Electron runs them) signed in to a
// real newsroom server: what the sync tests are made of.
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { createHost, type Host } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { Connection } from '../../../electron/services/host/connection';
import type { CallInput, CallName, CallOutput } from '@shared/api/contract';
import { applyTextEdit, fieldText, readStoryDoc, storyDocId } from '@shared/body/story-doc';
import { tempDir } from '../helpers';
import { PASSWORD } from '../server/harness';

export interface Desktop {
  host: Host;
  conn: Connection;
  events: Array<{ name: string; payload: unknown }>;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  close(): void;
}

export function desktop(
  name: string,
  opts: {
    sync?: {
      pullConcurrency?: number;
      feedWaitSeconds?: number;
      handshakeTimeoutMs?: number;
      heartbeatMs?: number;
    };
  } = {},
): Desktop {
  const host = createHost({
    dataDir: tempDir(`rongmei-${name}-`),
    host: 'electron',
    version: '0.0.0-test',
    projectionDelayMs: 5,
    log: () => undefined,
    sync: opts.sync,
  });
  const events: Desktop['events'] = [];
  const conn: Connection = {
    id: name,
    emit: (n, payload) => void events.push({ name: n, payload }),
  };
  host.attach(conn);
  return {
    host,
    conn,
    events,
    async call(n, input) {
      const r = await dispatch(host.handlers, n, input, { connection: conn });
      if (!r.ok)
        throw Object.assign(new Error(`${n}: ${r.error.code} ${r.error.message}`), {
          code: r.error.code,
        });
      return r.value as never;
    },
    close: () => host.close(),
  };
}

export async function signIn(d: Desktop, serverUrl: string, login: string): Promise<void> {
  await d.call('sync.signIn', { serverUrl, login, password: PASSWORD });
}

/** An editor window on a story document: a replica kept in step through the contract, like the renderer's provider. */
export class Editor {
  readonly doc = new Y.Doc();
  private readonly clientId: string;
  private constructor(
    private readonly d: Desktop,
    readonly docId: string,
  ) {
    this.clientId = `editor-${Math.random().toString(36).slice(2, 12)}`;
  }

  static async open(d: Desktop, storyId: string): Promise<Editor> {
    const e = new Editor(d, storyDocId(storyId));
    const { state } = await d.call('doc.open', { docId: e.docId, clientId: e.clientId });
    Y.applyUpdate(e.doc, fromBase64(state), 'host');
    return e;
  }

  /** Catches up with what the host relayed (doc.update events for this document). */
  pull(): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.d.host.docs.get(this.docId)), 'host');
  }

  async edit(field: 'headline' | 'notes', next: (cur: string) => string): Promise<void> {
    this.pull();
    const sv = Y.encodeStateVector(this.doc);
    const t = fieldText(this.doc, field);
    applyTextEdit(t, next(t.toString()));
    const update = Y.encodeStateAsUpdate(this.doc, sv);
    await this.d.call('doc.push', {
      docId: this.docId,
      clientId: this.clientId,
      update: toBase64(update),
    });
  }

  /** Any change to the document (as an editor makes it), pushed to the host like a keystroke. */
  async mutate(change: (doc: Y.Doc) => void): Promise<Uint8Array | null> {
    this.pull();
    const sv = Y.encodeStateVector(this.doc);
    change(this.doc);
    const update = Y.encodeStateAsUpdate(this.doc, sv);
    if (Y.decodeUpdate(update).structs.length === 0 && Y.decodeUpdate(update).ds.clients.size === 0)
      return null;
    await this.d.call('doc.push', {
      docId: this.docId,
      clientId: this.clientId,
      update: toBase64(update),
    });
    return update;
  }

  text(field: 'headline' | 'notes'): string {
    return readStoryDoc(this.d.host.docs.get(this.docId)).fields[field];
  }

  async close(): Promise<void> {
    await this.d.call('doc.close', { docId: this.docId, clientId: this.clientId });
  }
}

export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = 'condition',
): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}
