// An append-only log file that rotates by size: rongmei.log is written,
// and when the next line would take it past `maxBytes` it becomes
// rongmei.1.log (the older ones move up one; the oldest is dropped), so the
// folder never holds more than `files` × `maxBytes`.
import fs from 'node:fs';
import path from 'node:path';

export interface RotatingFileOptions {
  dir: string;
  /** Base name without extension. */
  name?: string;
  maxBytes?: number;
  /** How many files in all, the current one included. */
  files?: number;
}

export const LOG_BASENAME = 'rongmei';

export class RotatingFile {
  readonly dir: string;
  private readonly name: string;
  private readonly maxBytes: number;
  private readonly files: number;
  private fd: number | null = null;
  private size = 0;
  /** After a write fails (disk full, folder gone) logging stays quiet instead of failing the app. */
  private broken = false;

  constructor(opts: RotatingFileOptions) {
    this.dir = opts.dir;
    this.name = opts.name ?? LOG_BASENAME;
    this.maxBytes = opts.maxBytes ?? 2 * 1024 * 1024;
    this.files = Math.max(1, opts.files ?? 5);
  }

  /** rongmei.log, rongmei.1.log, … newest first. */
  fileAt(index: number): string {
    return path.join(this.dir, index === 0 ? `${this.name}.log` : `${this.name}.${index}.log`);
  }

  /** The files that exist now, newest first. */
  existing(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.files; i++)
      if (fs.existsSync(this.fileAt(i))) out.push(this.fileAt(i));
    return out;
  }

  private open(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    this.fd = fs.openSync(this.fileAt(0), 'a', 0o600);
    this.size = fs.fstatSync(this.fd).size;
  }

  private rotate(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    fs.rmSync(this.fileAt(this.files - 1), { force: true });
    for (let i = this.files - 2; i >= 0; i--) {
      if (fs.existsSync(this.fileAt(i))) fs.renameSync(this.fileAt(i), this.fileAt(i + 1));
    }
  }

  /** Appends one line (a trailing newline is added). */
  write(line: string): void {
    if (this.broken) return;
    try {
      const bytes = Buffer.from(line + '\n', 'utf8');
      if (this.fd === null) this.open();
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) {
        if (this.files > 1) this.rotate();
        else {
          fs.ftruncateSync(this.fd!, 0);
          this.size = 0;
        }
        if (this.fd === null) this.open();
      }
      fs.writeSync(this.fd!, bytes);
      this.size += bytes.length;
    } catch {
      this.broken = true;
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
