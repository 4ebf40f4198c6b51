// The host log: JSON lines that rotate by size (never more than files ×
// maxBytes on disk), and the redaction rules — only short printable ASCII
// strings, errors without their messages.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createFileLogger,
  errorFields,
  formatLine,
  safeString,
} from '../../../electron/services/logs/logger';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-logs-'));
  dirs.push(d);
  return d;
};

describe('rotating JSON-lines log', () => {
  it('rotates at the size limit and keeps at most 5 files', () => {
    const dir = temp();
    const log = createFileLogger({ dir, maxBytes: 4096, files: 5 });
    for (let i = 0; i < 2000; i++) log.info('call', { call: 'stories.create', n: i, ms: 1.5 });
    log.close();
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual([
      'rongmei.1.log',
      'rongmei.2.log',
      'rongmei.3.log',
      'rongmei.4.log',
      'rongmei.log',
    ]);
    for (const n of names) expect(fs.statSync(path.join(dir, n)).size).toBeLessThanOrEqual(4096);
    // Newest in rongmei.log, older ones numbered upwards; every line is JSON.
    const last = fs
      .readFileSync(path.join(dir, 'rongmei.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { n: number });
    const older = fs
      .readFileSync(path.join(dir, 'rongmei.1.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { n: number });
    expect(last.at(-1)!.n).toBe(1999);
    expect(older.at(-1)!.n).toBe(last[0]!.n - 1);
    expect(log.file.existing()).toHaveLength(5);
  });

  it('writes level, time and event, and skips levels below its own', () => {
    const dir = temp();
    const log = createFileLogger({
      dir,
      level: 'info',
      now: () => new Date('2026-11-20T08:00:00Z'),
    });
    log.debug('noise');
    log.warn('storage.refused', { code: 'storage_full', pending: 3 });
    log.close();
    const lines = fs.readFileSync(path.join(dir, 'rongmei.log'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        t: '2026-11-20T08:00:00.000Z',
        level: 'warn',
        event: 'storage.refused',
        code: 'storage_full',
        pending: 3,
      },
    ]);
  });

  it('goes quiet instead of failing when the folder cannot be written', () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const log = createFileLogger({ dir: path.join(dir, 'blocker', 'logs') });
    expect(() => log.error('x')).not.toThrow();
  });
});

describe('redaction by design', () => {
  it('keeps ids, codes and paths and cannot carry Chinese text', () => {
    expect(safeString('0194f5c2-7d1e-7aa0-8c1b-2f4d5e6a7b8c')).toBe(
      '0194f5c2-7d1e-7aa0-8c1b-2f4d5e6a7b8c',
    );
    expect(safeString('乡村振兴示范区今年新增就业岗位')).toBe('???????????????');
    expect(safeString('x'.repeat(500))).toHaveLength(201);
  });

  it('logs an error as its name, code and frames, never its message', () => {
    const e = Object.assign(new Error('无法导入《秋粮收购进度过半》：文件已加密'), {
      code: 'import_encrypted',
    });
    const f = errorFields(e);
    expect(f).toMatchObject({ errorName: 'Error', errorCode: 'import_encrypted' });
    expect(JSON.stringify(f)).not.toContain('秋粮');
    expect(JSON.stringify(f)).not.toContain('无法导入');
    expect(errorFields('oops')).toEqual({ errorType: 'string' });
  });

  it('drops odd keys and undefined values, and never lets a field replace the event', () => {
    const line = JSON.parse(
      formatLine(
        'info',
        'call',
        { event: 'forged', 'bad key': 1, ok: undefined, n: Infinity, id: 'a' },
        new Date(0),
      ),
    ) as Record<string, unknown>;
    expect(line).toEqual({
      t: '1970-01-01T00:00:00.000Z',
      level: 'info',
      event: 'call',
      n: null,
      id: 'a',
    });
  });
});
