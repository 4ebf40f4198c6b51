// App variant → ninjs JSON plus the photos it refers to.
import type { ChannelContext, ExportFile } from '../types';
import { appNinjs, photoPath } from './ninjs';
import type { AppVariant } from './schema';

export function exportApp(v: AppVariant, ctx?: ChannelContext): ExportFile[] {
  const files: ExportFile[] = [
    {
      kind: 'text',
      path: 'ninjs.json',
      mediaType: 'application/json',
      content: JSON.stringify(appNinjs(v, ctx), null, 2),
    },
  ];
  v.photos.forEach((p, i) =>
    files.push({
      kind: 'asset',
      path: photoPath(p, i),
      mediaType: p.image.mime,
      imageId: p.image.id,
    }),
  );
  return files;
}
