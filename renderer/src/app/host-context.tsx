import { createContext, useContext } from 'react';
import type { HostClient } from '../host/client';

export const HostContext = createContext<HostClient | null>(null);

export function useHost(): HostClient {
  const client = useContext(HostContext);
  if (!client) throw new Error('HostContext missing');
  return client;
}
