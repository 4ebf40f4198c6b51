// 封面裁切: drag a box of a fixed shape over the cover photo to choose what
// the WeChat feed card (2.35:1), the share card (1:1) or the Douyin cover
// (9:16) shows. The crop is kept as fractions of the original in the
// channel's version (non-destructive); arrow keys move the box too.
import { useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { centerCrop, type Crop, type ImageRef } from '@shared/domain/master-story';
import { useFieldValue } from '../story/use-field-value';
import { useHost } from '../app/host-context';
import { useAssetUrl } from './asset-url';
import { storeRendition } from './rendition';

export interface CropSlot {
  /** Key of the crop inside the cover object. */
  key: string;
  ratio: number;
  /** Translation key of the slot's name. */
  label: string;
  /** The channel exports cropped pixels (not fractions): render the crop as its own file. */
  rendition?: boolean;
}

type Cover = ({ image: ImageRef } & Record<string, unknown>) | null;

const readCover = (raw: unknown): Cover =>
  typeof raw === 'object' && raw !== null && 'image' in raw ? (raw as Cover) : null;

const isCrop = (v: unknown): v is Crop =>
  typeof v === 'object' &&
  v !== null &&
  ['x1', 'y1', 'x2', 'y2'].every((k) => typeof (v as Record<string, unknown>)[k] === 'number');

const r4 = (n: number) => Math.round(n * 10000) / 10000;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** The crop moved by (dx, dy) fractions and scaled to `scale` of the largest box, kept inside the image. */
export function placeCrop(
  image: { width: number; height: number },
  ratio: number,
  centre: { x: number; y: number },
  scale: number,
): Crop {
  const full = centerCrop(image, ratio);
  const w = (full.x2 - full.x1) * scale;
  const h = (full.y2 - full.y1) * scale;
  const x1 = clamp(centre.x - w / 2, 0, 1 - w);
  const y1 = clamp(centre.y - h / 2, 0, 1 - h);
  return { x1: r4(x1), y1: r4(y1), x2: r4(Math.min(1, x1 + w)), y2: r4(Math.min(1, y1 + h)) };
}

export function makeCropEditor(slots: readonly CropSlot[]) {
  return function CoverCropEditor({ doc, field }: { doc: Y.Doc; field: string }) {
    const { t } = useTranslation();
    const [cover, setCover] = useFieldValue(doc, field, readCover);
    const [slot, setSlot] = useState(slots[0]!);
    const host = useHost();
    // One rendition after the box settles, not one per slider step.
    const renditionTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
    useEffect(
      () => () => {
        if (renditionTimer.current) clearTimeout(renditionTimer.current);
      },
      [],
    );
    if (!cover) return null;
    const saved = cover[slot.key];
    const crop = isCrop(saved) ? saved : centerCrop(cover.image, slot.ratio);
    return (
      <fieldset className="crop-editor" data-field={field}>
        <legend>{t('photos.crop.title')}</legend>
        {slots.length > 1 && (
          <div className="crop-tabs" role="tablist">
            {slots.map((s) => (
              <button
                key={s.key}
                type="button"
                role="tab"
                aria-selected={s.key === slot.key}
                onClick={() => setSlot(s)}
              >
                {t(s.label)}
              </button>
            ))}
          </div>
        )}
        <CropBox
          key={slot.key}
          image={cover.image}
          ratio={slot.ratio}
          crop={crop}
          onCrop={(c) => {
            setCover({ ...cover, [slot.key]: c });
            if (!slot.rendition) return;
            if (renditionTimer.current) clearTimeout(renditionTimer.current);
            const id = cover.image.id;
            renditionTimer.current = setTimeout(() => void storeRendition(host, id, c), 500);
          }}
        />
        <p className="crop-hint">{t('photos.crop.hint')}</p>
      </fieldset>
    );
  };
}

function CropBox({
  image,
  ratio,
  crop,
  onCrop,
}: {
  image: ImageRef;
  ratio: number;
  crop: Crop;
  onCrop: (c: Crop) => void;
}) {
  const { t } = useTranslation();
  const host = useHost();
  const { url } = useAssetUrl(host, image.id);
  const frame = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<Crop | null>(null);
  const drag = useRef<{ x: number; y: number; crop: Crop } | null>(null);
  const sizeId = useId();
  const shown = draft ?? crop;
  const full = centerCrop(image, ratio);
  const scale = (shown.x2 - shown.x1) / (full.x2 - full.x1);
  const centre = { x: (shown.x1 + shown.x2) / 2, y: (shown.y1 + shown.y2) / 2 };

  const onDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, crop: shown };
  };
  const onMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    const rect = frame.current?.getBoundingClientRect();
    if (!d || !rect?.width || !rect.height) return;
    const dx = (e.clientX - d.x) / rect.width;
    const dy = (e.clientY - d.y) / rect.height;
    const c = d.crop;
    setDraft(
      placeCrop(image, ratio, { x: (c.x1 + c.x2) / 2 + dx, y: (c.y1 + c.y2) / 2 + dy }, scale),
    );
  };
  const onUp = () => {
    drag.current = null;
    if (draft) onCrop(draft);
    setDraft(null);
  };
  const nudge = (dx: number, dy: number) =>
    onCrop(placeCrop(image, ratio, { x: centre.x + dx, y: centre.y + dy }, scale));

  return (
    <div className="crop-body">
      <div
        className="crop-frame"
        ref={frame}
        style={{
          aspectRatio: `${image.width} / ${image.height}`,
          width: Math.round(Math.min(360, (260 * image.width) / image.height)),
        }}
      >
        {url && <img src={url} alt="" draggable={false} />}
        <div
          className="crop-box"
          role="slider"
          tabIndex={0}
          aria-label={t('photos.crop.box')}
          aria-valuetext={`${Math.round(centre.x * 100)}%, ${Math.round(centre.y * 100)}%`}
          aria-valuenow={Math.round(centre.x * 100)}
          data-crop={`${shown.x1},${shown.y1},${shown.x2},${shown.y2}`}
          style={{
            left: `${shown.x1 * 100}%`,
            top: `${shown.y1 * 100}%`,
            width: `${(shown.x2 - shown.x1) * 100}%`,
            height: `${(shown.y2 - shown.y1) * 100}%`,
          }}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={onUp}
          onKeyDown={(e) => {
            const step = e.shiftKey ? 0.1 : 0.02;
            const moves: Record<string, [number, number]> = {
              ArrowLeft: [-step, 0],
              ArrowRight: [step, 0],
              ArrowUp: [0, -step],
              ArrowDown: [0, step],
            };
            const m = moves[e.key];
            if (!m) return;
            e.preventDefault();
            nudge(m[0], m[1]);
          }}
        />
      </div>
      <div className="crop-controls">
        <label htmlFor={sizeId}>{t('photos.crop.size')}</label>
        <input
          id={sizeId}
          type="range"
          min={30}
          max={100}
          value={Math.round(scale * 100)}
          onChange={(e) => onCrop(placeCrop(image, ratio, centre, Number(e.target.value) / 100))}
        />
        <button type="button" onClick={() => onCrop(full)}>
          {t('photos.crop.reset')}
        </button>
      </div>
    </div>
  );
}
