// A channel's photos as figures: the image, its caption as the channel prints
// it (with the AI生成/示意图 label derivation added) and the credit.
import { memo } from 'react';
import type { ImageRef } from '@shared/domain/master-story';
import { AssetImage } from './AssetImage';

export const PhotoFigures = memo(function PhotoFigures({
  photos,
  className,
}: {
  photos: ReadonlyArray<{ image: ImageRef; caption: string }>;
  className?: string;
}) {
  if (photos.length === 0) return null;
  return (
    <div className={`pv-figures${className ? ` ${className}` : ''}`}>
      {photos.map((p) => (
        <figure key={p.image.id} className="pv-figure" data-testid="preview-photo">
          <AssetImage id={p.image.id} alt={p.caption} />
          {(p.caption.trim() || p.image.credit.trim()) && (
            <figcaption>
              {p.caption.trim()}
              {p.image.credit.trim() && <span className="pv-credit">{p.image.credit.trim()}</span>}
            </figcaption>
          )}
        </figure>
      ))}
    </div>
  );
});
