// The master and the variants as the workspace shows them while people type:
// read from the in-memory Y.Docs (never through the host), re-read only when
// their document changed, and structurally shared with the previous read so
// unchanged fields and paragraphs keep their identity.
import * as Y from 'yjs';
import { BodyReader } from '../body/body-reader';
import { fieldsMap, observeFields, readFields } from '../body/story-doc';
import { imageRef, imagesArray, readImages } from '../body/story-images';
import type { MasterStory } from '../domain/master-story';
import type { VariantDocLayout } from '../channels/types';
import type { ChannelContext, RegisteredChannel } from '../channels';
import { readCard } from './variant-doc';
import { replaceEqualDeep } from './structural-share';

type Listener = () => void;

/** Something that changes and can be read cheaply when it did not. */
export interface Live<T> {
  read(): T;
  subscribe(listener: Listener): () => void;
  dispose(): void;
}

abstract class LiveDoc<T> implements Live<T> {
  protected dirty = true;
  protected value: T | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly onUpdate = () => {
    this.dirty = true;
    this.listeners.forEach((l) => l());
  };

  constructor(protected readonly doc: Y.Doc) {
    doc.on('update', this.onUpdate);
  }

  protected abstract compute(prev: T | undefined): T;

  read(): T {
    if (this.dirty || this.value === undefined) {
      this.dirty = false;
      this.value = this.compute(this.value);
    }
    return this.value;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.doc.off('update', this.onUpdate);
    this.listeners.clear();
  }
}

/** The master story from its document, as channel derivation reads it. */
export class LiveMaster extends LiveDoc<MasterStory> {
  private readonly body: BodyReader;
  /** Photos are re-read only after a change inside the `images` array (captions included). */
  private imagesDirty = true;
  private images: NonNullable<MasterStory['images']> = [];
  private readonly onImages = () => {
    this.imagesDirty = true;
  };
  /** The headline and the other fields likewise: typing in the body leaves them as they were. */
  private fieldsDirty = true;
  private readonly stopFields: () => void;

  constructor(
    doc: Y.Doc,
    private readonly storyId: string,
  ) {
    super(doc);
    this.body = new BodyReader(doc);
    imagesArray(doc).observeDeep(this.onImages);
    this.stopFields = observeFields(doc, () => {
      this.fieldsDirty = true;
    });
  }

  protected compute(prev: MasterStory | undefined): MasterStory {
    let fields = prev?.fields;
    if (this.fieldsDirty || !fields) {
      this.fieldsDirty = false;
      fields = replaceEqualDeep(fields, readFields(this.doc));
    }
    const body = this.body.read();
    if (this.imagesDirty) {
      this.imagesDirty = false;
      this.images = replaceEqualDeep(this.images, readImages(this.doc).map(imageRef));
    }
    const images = this.images;
    if (prev && prev.fields === fields && prev.body === body && prev.images === images) return prev;
    return { id: this.storyId, fields, body, images };
  }

  override dispose(): void {
    super.dispose();
    imagesArray(this.doc).unobserveDeep(this.onImages);
    this.stopFields();
    this.body.dispose();
  }
}

/** One channel's variant from its own document (a desk's edited version). */
export class LiveVariant extends LiveDoc<Record<string, unknown>> {
  private readonly body: BodyReader | null;

  constructor(
    doc: Y.Doc,
    private readonly layout: VariantDocLayout,
  ) {
    super(doc);
    this.body = layout.body ? new BodyReader(doc) : null;
  }

  protected compute(prev: Record<string, unknown> | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of fieldsMap(this.doc).entries()) {
      if (v instanceof Y.Text) out[k] = v.toString();
      else if (v instanceof Y.Array)
        out[k] = (v.toArray() as unknown[]).map((x) => (x instanceof Y.Map ? readCard(x) : x));
      else out[k] = v;
    }
    if (this.layout.body && this.body) out[this.layout.body] = this.body.read();
    return replaceEqualDeep(prev, out);
  }

  override dispose(): void {
    super.dispose();
    this.body?.dispose();
  }
}

/**
 * A channel's preview while it follows the master: derived from the master
 * on every change, sharing structure with the previous derivation.
 */
export function derivePreview(
  channel: RegisteredChannel,
  master: MasterStory,
  ctx: ChannelContext,
  prev: unknown,
): unknown {
  return replaceEqualDeep(prev, channel.derive(master, ctx, { share: true }));
}
