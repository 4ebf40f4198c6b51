// What the host's contract handlers need from an updater. Electron main
// provides the real one; the web host has none and reports "not available".
import type { UpdateStatus } from '@shared/updates/status';

export interface UpdatesPort {
  status(): UpdateStatus;
  /** Checks now; resolves with the status after the check (a download may go on in the background). */
  check(): Promise<UpdateStatus>;
  /** Quits and installs when an update is ready; false when there is none. */
  install(): boolean;
  onStatus(listener: (status: UpdateStatus) => void): () => void;
}
