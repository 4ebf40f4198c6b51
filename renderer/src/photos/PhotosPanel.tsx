// 图片: the story's photos in the master pane. Add by file picker, drag and
// drop or paste; each photo shows its thumbnail, what the camera recorded
// (time, place, camera), its caption, credit and origin (typed into the
// story document like any field, IME-safe), whether it is AI-generated or an
// illustration, and buttons to move or remove it. The bytes go to the host's
// asset store first; the entry in the document follows once the host has
// checked them.
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  addImage,
  imageText,
  imagesArray,
  moveImage,
  readImages,
  removeImage,
  setSynthetic,
  SYNTHETIC_KINDS,
  type StoryImage,
  type SyntheticKind,
} from '@shared/body/story-images';
import { MAX_ASSET_BYTES } from '@shared/assets/model';
import { HostError } from '@shared/api/errors';
import type { Exif } from '@shared/authenticity/model';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { bytesToBase64 } from '../common/base64';
import { YTextInput } from '../story/YTextInput';
import { FIELD_ORIGIN } from '../story/local-origin';
import { primeAssetUrl, useAssetUrl } from './asset-url';
import { syncProvenance } from './provenance';

function useImages(doc: Y.Doc): StoryImage[] {
  const [images, setImages] = useState(() => readImages(doc));
  useEffect(() => {
    const arr = imagesArray(doc);
    // Caption typing changes entries too; the list itself only needs the order and flags.
    const update = () => setImages(readImages(doc));
    arr.observeDeep(update);
    update();
    return () => arr.unobserveDeep(update);
  }, [doc]);
  return images;
}

const MB = 1024 * 1024;

export function formatBytes(n: number): string {
  if (n < MB) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / MB).toFixed(1)} MB`;
}

export function formatPlace(exif: Exif): string | null {
  if (exif.latitude === null || exif.longitude === null) return null;
  const lat = `${Math.abs(exif.latitude).toFixed(4)}°${exif.latitude >= 0 ? 'N' : 'S'}`;
  const lon = `${Math.abs(exif.longitude).toFixed(4)}°${exif.longitude >= 0 ? 'E' : 'W'}`;
  return `${lat} ${lon}`;
}

/** `2026-11-20T08:30:15` → `2026-11-20 08:30` (camera time, as the camera wrote it). */
export function formatTaken(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

export const PhotosPanel = memo(function PhotosPanel({
  doc,
  storyId,
}: {
  doc: Y.Doc;
  storyId: string;
}) {
  const { t } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const images = useImages(doc);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);
  const [dragging, setDragging] = useState(false);

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      for (const file of files) {
        setBusy((n) => n + 1);
        try {
          if (file.size > MAX_ASSET_BYTES)
            throw new HostError('asset_too_large', 'too large', {
              maxMb: MAX_ASSET_BYTES / MB,
              sizeMb: Math.round((file.size / MB) * 10) / 10,
            });
          const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
          const added = await host.call('assets.add', {
            storyId,
            fileName: file.name || 'photo',
            data,
          });
          primeAssetUrl(added.image.id, file);
          if (!addImage(doc, { ...added.image, exif: added.exif }, FIELD_ORIGIN))
            toast(t('photos.already', { name: file.name }));
        } catch (err) {
          toast(`${file.name}: ${errorText(t, err)}`, 'error');
        } finally {
          setBusy((n) => n - 1);
        }
      }
    },
    [host, storyId, doc, toast, t],
  );

  return (
    <section
      className={`photos-panel${dragging ? ' dragging' : ''}`}
      aria-label={t('photos.title')}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        setDragging(false);
        void addFiles(Array.from(e.dataTransfer.files));
      }}
      onPaste={(e) => {
        const files = Array.from(e.clipboardData.files).filter((f) => f.type.startsWith('image/'));
        if (!files.length) return;
        e.preventDefault();
        void addFiles(files);
      }}
    >
      <div className="photos-head">
        <input
          ref={input}
          type="file"
          hidden
          multiple
          accept="image/jpeg,image/png,image/gif,image/webp,image/heic,image/tiff,.jpg,.jpeg,.png,.gif,.webp,.heic,.tif,.tiff"
          aria-label={t('photos.chooseFile')}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void addFiles(files);
          }}
        />
        <button type="button" onClick={() => input.current?.click()} aria-busy={busy > 0}>
          {busy > 0 ? t('photos.adding') : t('photos.add')}
        </button>
        <span className="photos-hint">{t('photos.hint')}</span>
      </div>
      {images.length > 0 && (
        <ol className="photos-list">
          {images.map((image, i) => (
            <PhotoItem
              key={image.id}
              storyId={storyId}
              doc={doc}
              image={image}
              index={i}
              count={images.length}
            />
          ))}
        </ol>
      )}
    </section>
  );
});

function PhotoItem({
  storyId,
  doc,
  image,
  index,
  count,
}: {
  storyId: string;
  doc: Y.Doc;
  image: StoryImage;
  index: number;
  count: number;
}) {
  const { t } = useTranslation();
  const host = useHost();
  const { url, loading } = useAssetUrl(host, image.id);
  const kindId = useId();
  const caption = imageText(doc, image.id, 'caption');
  const credit = imageText(doc, image.id, 'credit');
  const origin = imageText(doc, image.id, 'origin');
  const taken = formatTaken(image.exif.capturedAt);
  const place = formatPlace(image.exif);
  const n = index + 1;
  return (
    <li className="photo-item" aria-label={t('photos.item', { n })}>
      <div className="photo-thumb">
        {url ? (
          <img src={url} alt={image.caption || t('photos.item', { n })} />
        ) : (
          <span className="photo-missing">{loading ? '…' : t('photos.notHere')}</span>
        )}
        {image.synthetic && (
          <span className="photo-badge">{t(`photos.kind.${image.synthetic}`)}</span>
        )}
      </div>
      <div className="photo-fields">
        <div className="photo-facts">
          <span>
            {n}. {image.fileName ?? image.id.slice(0, 12)}
          </span>
          <span>
            {image.width}×{image.height} · {formatBytes(image.bytes)}
          </span>
          {taken && <span>{t('photos.taken', { time: taken })}</span>}
          {place && <span>{t('photos.place', { place })}</span>}
          {image.exif.camera && <span>{image.exif.camera}</span>}
        </div>
        {caption && (
          <YTextInput
            text={caption}
            label={t('photos.caption')}
            multiline
            rows={2}
            maxLength={500}
            placeholder={t('photos.captionPlaceholder')}
          />
        )}
        <div className="photo-row">
          {credit && (
            <YTextInput
              text={credit}
              label={t('photos.credit')}
              maxLength={100}
              placeholder={t('photos.creditPlaceholder')}
            />
          )}
          {origin && (
            <YTextInput
              text={origin}
              label={t('photos.origin')}
              maxLength={200}
              placeholder={t('photos.originPlaceholder')}
            />
          )}
          <div className="field">
            <label htmlFor={kindId}>{t('photos.kindLabel')}</label>
            <select
              id={kindId}
              value={image.synthetic ?? ''}
              onChange={(e) => {
                const kind = (SYNTHETIC_KINDS as readonly string[]).includes(e.target.value)
                  ? (e.target.value as SyntheticKind)
                  : null;
                setSynthetic(doc, image.id, kind, FIELD_ORIGIN);
                void syncProvenance(host, storyId, { ...image, synthetic: kind });
              }}
            >
              <option value="">{t('photos.kind.photo')}</option>
              {SYNTHETIC_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`photos.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="photo-actions">
          <button
            type="button"
            disabled={index === 0}
            onClick={() => moveImage(doc, image.id, -1, FIELD_ORIGIN)}
            aria-label={t('photos.moveUp', { n })}
          >
            ↑
          </button>
          <button
            type="button"
            disabled={index === count - 1}
            onClick={() => moveImage(doc, image.id, 1, FIELD_ORIGIN)}
            aria-label={t('photos.moveDown', { n })}
          >
            ↓
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => removeImage(doc, image.id, FIELD_ORIGIN)}
            aria-label={t('photos.remove', { n })}
          >
            {t('photos.removeShort')}
          </button>
        </div>
      </div>
    </li>
  );
}
