// 机审 while people type: the master and every enabled channel version are
// scanned locally a moment after typing pauses, with the word lists in force
// (the newsroom's while signed in; see scanner.ts). Versions are read from the
// preview hub (a version being edited from its own document, the others as
// derived from the master).
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readStoryDoc } from '@shared/body/story-doc';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { ScanReport, Scanner } from '@shared/scan';
import { storyScanInput, variantScanInput, type SegmentPlace } from '@shared/review/segments';
import type { PreviewHub } from '../workspace/preview-hub';

export interface ScanResult {
  /** null: the master story. */
  channel: ChannelId | null;
  report: ScanReport;
  places: Map<string, SegmentPlace>;
}

export const SCAN_DELAY_MS = 400;

export function useScan(
  doc: Y.Doc,
  hub: PreviewHub,
  channels: readonly ChannelId[],
  scanner: Scanner,
): ScanResult[] | null {
  const [results, setResults] = useState<ScanResult[] | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      timer = null;
      const master = storyScanInput(readStoryDoc(doc));
      const out: ScanResult[] = [
        { channel: null, report: scanner.scanSegments(master.segments), places: master.places },
      ];
      for (const c of channels) {
        const input = variantScanInput(hub.preview(c)?.variant);
        out.push({
          channel: c,
          report: scanner.scanSegments(input.segments),
          places: input.places,
        });
      }
      setResults(out);
    };
    const schedule = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(run, SCAN_DELAY_MS);
    };
    run();
    doc.on('update', schedule);
    const offs = channels.map((c) => hub.subscribe(c, schedule));
    return () => {
      doc.off('update', schedule);
      offs.forEach((off) => off());
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc, hub, channels, scanner]);
  return results;
}
