// What the copyfit overlay says: lines used against lines available, and the
// overset (or the room left) in lines and 字; and how large one 字 is drawn
// so the story's whole width fits the pane.
import type { CopyfitResult } from '@shared/channels/print';

export interface CopyfitSummary {
  status: 'fits' | 'full' | 'overset';
  used: number;
  available: number;
  left: number;
  oversetLines: number;
  oversetZi: number;
  freeZi: number;
}

export function copyfitSummary(fit: CopyfitResult): CopyfitSummary {
  return {
    status: fit.oversetLines > 0 ? 'overset' : fit.linesLeft === 0 ? 'full' : 'fits',
    used: fit.linesUsed,
    available: fit.linesAvailable,
    left: fit.linesLeft,
    oversetLines: fit.oversetLines,
    oversetZi: fit.oversetZi,
    freeZi: fit.freeZi,
  };
}

/** Pixels per 字 for a block `spanZi` wide in `widthPx`, to a tenth, never below legible. */
export function ziPixels(widthPx: number, spanZi: number, min = 5, max = 18): number {
  if (!(widthPx > 0) || !(spanZi > 0)) return min;
  return Math.min(max, Math.max(min, Math.floor((widthPx / spanZi) * 10) / 10));
}
