// Douyin variant → files: caption text, the open API's post parameters, the
// script as a readable shot list and as JSON, and the cover (cropped by the host).
import type { ChannelContext, ExportFile } from '../types';
import { douyinText } from './compose';
import type { DouyinVariant } from './schema';

const KIND_LABEL = { title: '标题', lead: '导语', point: '要点', end: '片尾' } as const;

export function scriptMarkdown(v: DouyinVariant): string {
  const lines = [
    `# ${v.title.trim() || '短视频脚本'}`,
    '',
    '| # | 类型 | 字幕卡 | 时长 | 画面 |',
    '| --- | --- | --- | --- | --- |',
  ];
  let total = 0;
  v.script.forEach((s, i) => {
    total += s.seconds;
    const cell = (t: string) => t.replace(/\|/g, '｜').replace(/\n/g, ' ');
    lines.push(
      `| ${i + 1} | ${KIND_LABEL[s.kind]} | ${cell(s.text)} | ${s.seconds} 秒 | ${cell(s.visual)} |`,
    );
  });
  lines.push('', `总时长约 ${total} 秒`, '');
  return lines.join('\n');
}

export function exportDouyin(v: DouyinVariant, _ctx?: ChannelContext): ExportFile[] {
  const text = douyinText(v);
  const files: ExportFile[] = [
    {
      kind: 'text',
      path: 'caption.txt',
      mediaType: 'text/plain; charset=utf-8',
      content: text + '\n',
    },
    {
      kind: 'text',
      path: 'post.json',
      mediaType: 'application/json',
      content: JSON.stringify(
        {
          title: v.title.trim(),
          text,
          // open_ids are looked up by the host; the nicknames say whom.
          at_users: v.mentions.map((nickname) => ({ nickname, open_id: '' })),
          cover_tsp: v.coverTimeSec,
          cover: v.cover ? 'cover.jpg' : null,
          video: v.video?.fileName ?? null,
        },
        null,
        2,
      ),
    },
    {
      kind: 'text',
      path: 'script.md',
      mediaType: 'text/markdown; charset=utf-8',
      content: scriptMarkdown(v),
    },
    {
      kind: 'text',
      path: 'script.json',
      mediaType: 'application/json',
      content: JSON.stringify(v.script, null, 2),
    },
  ];
  if (v.cover)
    files.push({
      kind: 'asset',
      path: 'cover.jpg',
      mediaType: 'image/jpeg',
      imageId: v.cover.image.id,
      crop: v.cover.crop,
    });
  return files;
}
