// Wires the contract to Electron IPC: one channel for calls, one for events.
// Every call is checked to come from our own page's top frame before its
// payload is validated and dispatched.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '@shared/api/bridge';
import type { Host } from '../services/host/create-host';
import type { Connection } from '../services/host/connection';
import { dispatch, type Logger } from '../services/host/dispatch';
import { isAppUrl } from './navigation-policy';

export function wireIpc(host: Host, devServerUrl?: string, log?: Logger): void {
  const connections = new Map<number, Connection>();

  const connectionFor = (wc: WebContents): Connection => {
    let conn = connections.get(wc.id);
    if (!conn) {
      const c: Connection = {
        id: `wc-${wc.id}`,
        emit: (name, payload) => {
          if (!wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, name, payload);
        },
      };
      conn = c;
      connections.set(wc.id, c);
      host.attach(c);
      const drop = () => {
        host.detach(c);
        connections.delete(wc.id);
      };
      wc.once('destroyed', drop);
      // A reload starts a new renderer: its old document subscriptions are gone.
      wc.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) host.detach(c);
        host.attach(c);
      });
    }
    return conn;
  };

  ipcMain.handle(
    IPC_CALL_CHANNEL,
    async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url, devServerUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'call from an unknown frame' } };
      }
      return dispatch(host.handlers, name, input, { connection: connectionFor(event.sender) }, log);
    },
  );
}
