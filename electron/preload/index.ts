// Exposes the host contract to the renderer and nothing else: two functions,
// no ipcRenderer, no Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  type HostBridge,
} from '@shared/api/bridge';
import type {
  CallInput,
  CallName,
  CallOutput,
  EventName,
  EventPayload,
} from '@shared/api/contract';
import type { CallResult } from '@shared/api/errors';

const bridge = {
  host: 'electron',
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<CallOutput<N>>> {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input) as Promise<CallResult<CallOutput<N>>>;
  },
  subscribe<E extends EventName>(
    name: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void {
    const handler = (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload as EventPayload<E>);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
} as const satisfies HostBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
