// The 图片 fold of the master pane: a toggle with the photo count, and the panel.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { imagesArray, readImages } from '@shared/body/story-images';
import { PhotosPanel } from './PhotosPanel';

export function PhotosSection({ doc, storyId }: { doc: Y.Doc; storyId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const [count, setCount] = useState(() => readImages(doc).length);
  useEffect(() => {
    const arr = imagesArray(doc);
    const update = () => setCount(readImages(doc).length);
    arr.observe(update);
    update();
    return () => arr.unobserve(update);
  }, [doc]);
  return (
    <div className="info photos">
      <button
        type="button"
        className="info-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'} </span>
        {count ? t('photos.count', { n: count }) : t('photos.title')}
      </button>
      {open && storyId && <PhotosPanel doc={doc} storyId={storyId} />}
    </div>
  );
}
