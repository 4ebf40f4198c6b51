// Weibo variant → files ready to post: the text, a JSON with the post's
// parameters, and the photos in order.
import type { ChannelContext, ExportFile } from '../types';
import { weiboPost } from './compose';
import type { WeiboVariant } from './schema';

export function exportWeibo(v: WeiboVariant, _ctx?: ChannelContext): ExportFile[] {
  const status = weiboPost(v);
  const files: ExportFile[] = [
    {
      kind: 'text',
      path: 'post.txt',
      mediaType: 'text/plain; charset=utf-8',
      content: status + '\n',
    },
    {
      kind: 'text',
      path: 'post.json',
      mediaType: 'application/json',
      content: JSON.stringify(
        {
          status,
          is_longtext: v.longPost,
          topics: v.topics,
          mentions: v.mentions,
          link: v.link,
          images: v.images.map(
            (img, i) => `images/${String(i + 1).padStart(2, '0')}-${img.fileName ?? img.id}`,
          ),
        },
        null,
        2,
      ),
    },
  ];
  v.images.slice(0, 9).forEach((img, i) =>
    files.push({
      kind: 'asset',
      path: `images/${String(i + 1).padStart(2, '0')}-${img.fileName ?? img.id}`,
      mediaType: img.mime,
      imageId: img.id,
    }),
  );
  return files;
}
