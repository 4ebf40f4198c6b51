// Builds the first state of a story document (fields + body) as one Yjs
// update, in a scratch document, so it can be stored before anything else
// sees it.
import * as Y from 'yjs';
import { writeInitialFields } from '@shared/body/story-doc';
import { replaceBody } from '@shared/editor/headless-body';
import { EMPTY_FIELDS, type StoryFields } from '@shared/domain/story';
import type { Block } from '@shared/body/blocks';
import { addImage, imageText, setSynthetic, type StoryImage } from '@shared/body/story-images';

export function initialStoryUpdate(
  fields: Partial<StoryFields>,
  body: readonly Block[],
  images: readonly StoryImage[] = [],
): Uint8Array {
  const doc = new Y.Doc();
  writeInitialFields(doc, { ...EMPTY_FIELDS, ...fields });
  replaceBody(doc, body);
  // A duplicate keeps the photos with their captions, credits, origin and flag.
  for (const image of images) {
    addImage(doc, image); // with its caption and credit
    if (image.origin) imageText(doc, image.id, 'origin')?.insert(0, image.origin);
    if (image.synthetic) setSynthetic(doc, image.id, image.synthetic);
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
