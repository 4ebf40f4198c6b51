// The master story as channel derivation sees it, read from the story's Yjs
// document, and its revision: a hash of exactly what derivation reads, so
// "the master changed since this variant was made" is one string compare.
import type * as Y from 'yjs';
import { readStoryDoc } from '../body/story-doc';
import { imageRef, readImages } from '../body/story-images';
import type { MasterStory } from '../domain/master-story';
import { canonicalJson } from '../hashing/canonical-json';
import { sha256Hex } from '../hashing/sha256';

export function readMaster(doc: Y.Doc, storyId: string): MasterStory {
  const { fields, body } = readStoryDoc(doc);
  return { id: storyId, fields, body, images: readImages(doc).map(imageRef) };
}

/** SHA-256 of the master's canonical JSON (fields, body, photos). */
export function masterRevision(master: MasterStory): string {
  return sha256Hex(
    canonicalJson({ fields: master.fields, body: master.body, images: master.images ?? [] }),
  );
}
