// Contract handlers for running the app rather than editing stories: the
// updater's status and actions, and collecting diagnostics for IT.
import type { Db } from '../store/database';
import type { Handlers } from './handlers';
import type { UpdatesPort } from '../updates/port';
import { unavailableStatus } from '@shared/updates/status';
import { collectDiagnostics, type DiagnosticsFacts } from '../diagnostics/collect';
import type { Logger } from '../logs/logger';

type OpsCalls = 'updates.status' | 'updates.check' | 'updates.install' | 'diagnostics.collect';

export interface OpsDeps {
  version: string;
  db: Db;
  databaseFile: string;
  /** Absent in the web host: the updater is reported as not available. */
  updates?: UpdatesPort;
  logger: Logger;
  /** The log files to include in diagnostics, newest first. */
  logFiles: () => string[];
  /** Electron: asks where to save (a dialog) and writes the file; null when cancelled. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /** Writes whatever the host still holds in memory (summaries, search index). */
  flush: () => void;
  facts: () => Omit<DiagnosticsFacts, 'updates'>;
}

export function opsHandlers(d: OpsDeps): Pick<Handlers, OpsCalls> {
  const status = () => d.updates?.status() ?? unavailableStatus(d.version);
  return {
    'updates.status': () => status(),
    'updates.check': async () => (d.updates ? d.updates.check() : status()),
    'updates.install': () => {
      if (!d.updates || d.updates.status().state !== 'ready') return { installing: false };
      // Every edit is on disk already; what is left in memory is written before the app quits.
      d.flush();
      return { installing: d.updates.install() };
    },
    'diagnostics.collect': async () => {
      const { fileName, bytes } = collectDiagnostics({
        db: d.db,
        databaseFile: d.databaseFile,
        logFiles: d.logFiles(),
        facts: { ...d.facts(), updates: status() },
      });
      d.logger.info('diagnostics.collected', { bytes: bytes.length, saved: !!d.saveFile });
      if (d.saveFile) {
        const savedTo = await d.saveFile(fileName, bytes);
        return { fileName, savedTo, data: null, bytes: bytes.length };
      }
      return {
        fileName,
        savedTo: null,
        data: Buffer.from(bytes).toString('base64'),
        bytes: bytes.length,
      };
    },
  };
}
