import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { importStory } from '../../../electron/services/import/import-story';
import { createHost } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import { readStoryDoc, storyDocId } from '@shared/body/story-doc';
import { bodyToPlainText } from '@shared/body/blocks';
import { MAX_IMPORT_BYTES } from '@shared/api/contract';
import { newId } from '@shared/domain/ids';
import { tempDir, removeTempDirs } from '../helpers';

afterEach(removeTempDirs);
const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../../fixtures/import', name)));

describe('importing files', () => {
  it('a .docx keeps its heading as the headline, sub-headings, bold, italics and lists', async () => {
    const s = await importStory('秋粮收购.docx', fixture('秋粮收购.docx'));
    expect(s.headline).toBe('全省秋粮收购进度过半 农民售粮价格稳中有升');
    expect(s.body[0]).toEqual({
      type: 'paragraph',
      runs: [
        { text: '本报讯（记者 王晓明 通讯员 李娜）截至11月25日，全省累计收购秋粮' },
        { text: '312万吨', bold: true },
        { text: '，同比增加' },
        { text: '8.6%', italic: true },
        { text: '。🌾 今年是COVID-19之后的第3个丰收年。' },
      ],
    });
    expect(s.body[1]).toEqual({ type: 'heading', level: 2, runs: [{ text: '三项措施保收购' }] });
    const lists = s.body.filter((b) => b.type === 'list');
    expect(lists.length).toBeGreaterThan(0);
    expect(bodyToPlainText(lists)).toContain('加快收购进度；');
    expect(bodyToPlainText(s.body)).toContain('做好仓储保障。');
  });

  it('a Markdown file keeps headings, bold, italics, lists and quotes', async () => {
    const s = await importStory('乡村振兴.md', fixture('乡村振兴.md'));
    expect(s.headline).toBe('黄河岸边的丰收季');
    expect(s.body[0]).toEqual({ type: 'paragraph', runs: [{ text: '本报记者 刘洋', bold: true }] });
    expect(s.body).toContainEqual({
      type: 'heading',
      level: 2,
      runs: [{ text: '合作社带动增收' }],
    });
    expect(s.body).toContainEqual({
      type: 'list',
      ordered: false,
      items: [
        {
          runs: [
            { text: '统一购种，每亩节省成本 ' },
            { text: '30元', italic: true },
            { text: '；' },
          ],
        },
        { runs: [{ text: '统一销售，价格比散户高 5%。' }] },
      ],
    });
    expect(s.body.at(-1)).toEqual({
      type: 'quote',
      runs: [{ text: '“今年亩产比去年高了一成多。”合作社负责人说。' }],
    });
  });

  it('a .txt in UTF-8 with BOM or in GBK becomes paragraphs with the first short line as headline', async () => {
    const utf8 = await importStory('冬小麦.txt', fixture('冬小麦.txt'));
    expect(utf8.headline).toBe('全国冬小麦播种基本结束');
    expect(utf8.body).toHaveLength(2);
    const gbk = await importStory('gbk.txt', fixture('gbk.txt'));
    expect(gbk.headline).toBe('乡村振兴见闻');
    expect(bodyToPlainText(gbk.body)).toBe(
      '11月26日，记者走进黄河岸边的合作社。\n晾晒场上金黄的玉米堆成了小山。',
    );
  });

  it('refuses files that are not what they claim, with a reason for each', async () => {
    await expect(importStory('not-a-doc.docx', fixture('not-a-doc.docx'))).rejects.toMatchObject({
      code: 'import_not_docx',
    });
    await expect(importStory('encrypted.docx', fixture('encrypted.docx'))).rejects.toMatchObject({
      code: 'import_encrypted',
    });
    await expect(
      importStory('legacy-renamed.docx', fixture('legacy-renamed.docx')),
    ).rejects.toMatchObject({ code: 'import_unsupported' });
    await expect(
      importStory('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff])),
    ).rejects.toMatchObject({ code: 'import_unsupported' });
    await expect(importStory('empty.txt', new Uint8Array())).rejects.toMatchObject({
      code: 'import_empty',
    });
    await expect(importStory('zip.txt', fixture('秋粮收购.docx'))).rejects.toMatchObject({
      code: 'import_unsupported',
    });
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1);
    await expect(importStory('huge.docx', huge)).rejects.toMatchObject({
      code: 'import_too_large',
      details: { maxMb: 20 },
    });
    // A zip that is not a Word document.
    const zipOnly = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(200).fill(0)]);
    await expect(importStory('x.docx', zipOnly)).rejects.toMatchObject({ code: 'import_not_docx' });
  });

  it('through the contract: a good file becomes a story; a bad one leaves the library untouched', async () => {
    const host = createHost({
      dataDir: tempDir(),
      host: 'web',
      version: 't',
      log: () => undefined,
    });
    const ctx = { connection: { id: 'c', emit: () => undefined } };
    const id = newId();
    const ok = await dispatch(
      host.handlers,
      'stories.import',
      {
        id,
        fileName: '秋粮收购.docx',
        data: Buffer.from(fixture('秋粮收购.docx')).toString('base64'),
      },
      ctx,
    );
    expect(ok).toMatchObject({
      ok: true,
      value: { id, headline: '全省秋粮收购进度过半 农民售粮价格稳中有升' },
    });
    expect(readStoryDoc(host.docs.get(storyDocId(id))).body.length).toBeGreaterThan(3);
    const bad = await dispatch(
      host.handlers,
      'stories.import',
      {
        id: newId(),
        fileName: 'encrypted.docx',
        data: Buffer.from(fixture('encrypted.docx')).toString('base64'),
      },
      ctx,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'import_encrypted' } });
    const list = await dispatch(host.handlers, 'stories.list', {}, ctx);
    expect(list.ok && (list.value as { total: number }).total).toBe(1);
    expect(host.db.prepare('SELECT count(DISTINCT doc_id) n FROM doc_updates').get()).toEqual({
      n: 1,
    });
    host.close();
  });
});
