// The handler type every host implements: one function per contract call,
// receiving the already-validated input and the calling connection.
import type { CallName, CallOutput, CallParsedInput } from '@shared/api/contract';
import type { Connection } from './connection';

export interface CallContext {
  connection: Connection;
}

export type Handlers = {
  [N in CallName]: (
    input: CallParsedInput<N>,
    ctx: CallContext,
  ) => CallOutput<N> | Promise<CallOutput<N>>;
};
