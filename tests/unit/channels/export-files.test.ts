import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { unzipSync, strFromU8 } from 'fflate';
import { CHANNELS, deriveAll } from '@shared/channels';
import { resolveExportFiles, writeFolder, zipFiles } from '../../../electron/services/export/files';
import { CTX, PHOTO, master } from './fixtures';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const readAsset = async (id: string) => (id === PHOTO.id ? JPEG : null);

describe('export files', () => {
  it('renders the print DOCX with our styles, readable by mammoth', async () => {
    const v = deriveAll(master(), CTX).print;
    const print = CHANNELS.find((c) => c.id === 'print')!;
    const { files, missing } = await resolveExportFiles(print.exportFiles(v, CTX), { readAsset });
    expect(missing).toEqual([]);
    const docx = files.find((f) => f.path === 'story.docx')!;
    const buffer = Buffer.from(docx.bytes);
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain('消费市场温和回暖 核心CPI涨幅连续三个月扩大');
    expect(text).toContain('国家统计局城市司首席统计师董莉娟');
    const styled = await mammoth.convertToHtml(
      { buffer },
      { styleMap: ["p[style-name='主题'] => h1:fresh", "p[style-name='正文'] => p.body:fresh"] },
    );
    expect(styled.value).toMatch(/<h1>消费市场温和回暖/);
    expect(styled.value).toContain('<p class="body">本报北京11月3日电');
  });
  it('zips every channel’s files and reads them back; missing assets are reported', async () => {
    const variants = deriveAll(master({ images: [PHOTO, { ...PHOTO, id: 'gone' }] }), CTX);
    for (const c of CHANNELS) {
      const { files, missing } = await resolveExportFiles(c.exportFiles(variants[c.id], CTX), {
        readAsset,
      });
      if (c.id !== 'douyin') expect(missing.map((m) => m.imageId)).toContain('gone');
      const zip = unzipSync(zipFiles(files));
      expect(Object.keys(zip).sort()).toEqual(files.map((f) => f.path).sort());
      for (const f of files) expect(zip[f.path]).toEqual(f.bytes);
      if (c.id === 'weibo') expect(strFromU8(zip['post.txt']!)).toContain('【消费市场温和回暖');
    }
  });
  it('writes a folder and refuses paths that climb out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rm-export-'));
    await writeFolder(dir, [{ path: 'images/01.jpg', mediaType: 'image/jpeg', bytes: JPEG }]);
    expect(fs.readFileSync(path.join(dir, 'images/01.jpg'))).toEqual(Buffer.from(JPEG));
    await expect(
      resolveExportFiles(
        [{ kind: 'text', path: '../x.txt', mediaType: 'text/plain', content: '' }],
        { readAsset },
      ),
    ).rejects.toThrow(/unsafe/);
    fs.rmSync(dir, { recursive: true });
  });
});
