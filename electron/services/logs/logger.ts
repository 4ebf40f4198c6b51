// The host's structured log: JSON lines of an event name and a few fields.
// Redaction is by design: call sites log ids, codes, counts and durations,
// never story text, headlines, names or credentials, and the logger enforces
// it — string fields are short printable ASCII (anything else is replaced),
// and an error is logged as its name, code and stack frames, never its
// message (which may quote user content).
import { RotatingFile, type RotatingFileOptions } from './rotating-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const MAX_STRING = 200;
const EVENT_RE = /^[a-z][a-z0-9_.-]{0,63}$/i;
const KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Keeps ids, codes, versions and paths readable; anything else cannot slip through intact. */
export function safeString(s: string): string {
  const ascii = s.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length > MAX_STRING ? `${ascii.slice(0, MAX_STRING)}…` : ascii;
}

/** What may be logged about an error: its kind and where it happened. */
export function errorFields(err: unknown): LogFields {
  if (!(err instanceof Error)) return { errorType: typeof err };
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 6)
    .map((l) => l.trim().replace(/^at /, ''))
    .join(' | ');
  return {
    errorName: err.name,
    errorCode: typeof code === 'string' || typeof code === 'number' ? String(code) : null,
    errorAt: frames || null,
  };
}

export function formatLine(level: LogLevel, event: string, fields: LogFields, now: Date): string {
  const out: Record<string, string | number | boolean | null> = {
    t: now.toISOString(),
    level,
    event: EVENT_RE.test(event) ? event : 'invalid-event-name',
  };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || !KEY_RE.test(k) || k in out) continue;
    out[k] =
      typeof v === 'string'
        ? safeString(v)
        : typeof v === 'number' && !Number.isFinite(v)
          ? null
          : v;
  }
  return JSON.stringify(out);
}

export interface FileLoggerOptions extends RotatingFileOptions {
  level?: LogLevel;
  now?: () => Date;
  /** Also print to the console (development). */
  echo?: boolean;
}

export interface FileLogger extends Logger {
  readonly file: RotatingFile;
  close(): void;
}

export function createFileLogger(opts: FileLoggerOptions): FileLogger {
  const file = new RotatingFile(opts);
  const min = ORDER[opts.level ?? 'info'];
  const now = opts.now ?? (() => new Date());
  const write =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (ORDER[level] < min) return;
      const line = formatLine(level, event, fields, now());
      file.write(line);
      if (opts.echo) (level === 'error' || level === 'warn' ? console.error : console.log)(line);
    };
  return {
    file,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    close: () => file.close(),
  };
}

/** For tests and hosts without a log folder. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
