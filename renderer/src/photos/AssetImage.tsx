// A story photo in a preview: the whole image, or the part a crop selects
// (fractions of the original, (0,0) top-left) filling a box of the crop's
// shape. Until the bytes are on this machine a labelled placeholder shows.
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Crop } from '@shared/domain/master-story';
import { useHost } from '../app/host-context';
import { useAssetUrl } from './asset-url';

interface Props {
  id: string;
  alt: string;
  crop?: Crop | null;
  className?: string;
  style?: CSSProperties;
  /** A short label over the corner (AI生成 / 示意图). */
  badge?: string | null;
}

/** Position of the whole image inside a box showing only `crop` of it. */
export function cropStyle(crop: Crop): CSSProperties {
  const w = crop.x2 - crop.x1;
  const h = crop.y2 - crop.y1;
  return {
    position: 'absolute',
    width: `${100 / w}%`,
    height: `${100 / h}%`,
    left: `${(-crop.x1 / w) * 100}%`,
    top: `${(-crop.y1 / h) * 100}%`,
    maxWidth: 'none',
  };
}

export const AssetImage = memo(function AssetImage({
  id,
  alt,
  crop,
  className,
  style,
  badge,
}: Props) {
  const { t } = useTranslation();
  const host = useHost();
  const { url } = useAssetUrl(host, id);
  const box: CSSProperties = crop
    ? { position: 'relative', overflow: 'hidden', display: 'block', ...style }
    : { position: 'relative', display: 'block', ...style };
  return (
    <span className={`asset-image${className ? ` ${className}` : ''}`} style={box}>
      {url ? (
        <img src={url} alt={alt} style={crop ? cropStyle(crop) : { width: '100%' }} />
      ) : (
        <span
          className="pv-photo-placeholder"
          role="img"
          aria-label={alt || t('workspace.photoPending')}
        >
          {t('workspace.photoPending')}
        </span>
      )}
      {badge && <span className="photo-badge">{badge}</span>}
    </span>
  );
});
