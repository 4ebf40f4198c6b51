// A renderer attached to the host: one Electron window, or one browser tab of
// the web host. The host pushes events to it; calls carry it as context.
import type { EventName, EventPayload } from '@shared/api/contract';

export interface Connection {
  readonly id: string;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}
