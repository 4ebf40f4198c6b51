// Builds the first state of a story document (fields + body) as one Yjs
// update, in a scratch document, so it can be stored before anything else
// sees it.
import * as Y from 'yjs';
import { writeInitialFields } from '@shared/body/story-doc';
import { replaceBody } from '@shared/editor/headless-body';
import { EMPTY_FIELDS, type StoryFields } from '@shared/domain/story';
import type { Block } from '@shared/body/blocks';

export function initialStoryUpdate(
  fields: Partial<StoryFields>,
  body: readonly Block[],
): Uint8Array {
  const doc = new Y.Doc();
  writeInitialFields(doc, { ...EMPTY_FIELDS, ...fields });
  replaceBody(doc, body);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
