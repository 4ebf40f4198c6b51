// QR codes for print: error correction M or better, a 4-module quiet zone,
// drawn as one SVG path (a rect per module would bloat ICML/PDF placement).
// The SVG's viewBox is in modules; the page template sets the printed size
// (≥ 20 mm, CHANNELS.md).
import encodeQR from '@paulmillr/qr';

export type QrErrorCorrection = 'medium' | 'quartile' | 'high';

export interface QrOptions {
  ecc?: QrErrorCorrection;
  /** Quiet zone in modules; the standard asks for 4. */
  quietZone?: number;
  /** Printed size, written into the SVG's width/height (default 20 mm). */
  sizeMm?: number;
}

export interface QrCode {
  text: string;
  /** Modules per side without the quiet zone. */
  modules: number;
  quietZone: number;
  ecc: QrErrorCorrection;
  svg: string;
  /** The module matrix (true = dark), quiet zone excluded; lets a test decode it. */
  matrix: boolean[][];
}

export function qrCode(text: string, opts: QrOptions = {}): QrCode {
  const ecc = opts.ecc ?? 'medium';
  const quietZone = Math.max(4, opts.quietZone ?? 4);
  const sizeMm = opts.sizeMm ?? 20;
  const matrix = encodeQR(text, 'raw', { ecc, border: 0 });
  const modules = matrix.length;
  const side = modules + quietZone * 2;
  let d = '';
  matrix.forEach((row, y) => {
    // Runs of dark modules become one horizontal rectangle.
    let x = 0;
    while (x < modules) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < modules && row[x]) x++;
      d += `M${start + quietZone} ${y + quietZone}h${x - start}v1h${start - x}z`;
    }
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path d="${d}" fill="#000"/></svg>`;
  return { text, modules, quietZone, ecc, svg, matrix };
}
