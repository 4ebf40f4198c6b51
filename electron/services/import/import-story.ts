// Turns a file a reporter brings (.docx, .txt, .md, .html) into story
// fields and body blocks. Everything is parsed and checked before anything
// is stored, so a bad file imports nothing.
import { HostError } from '@shared/api/errors';
import { MAX_IMPORT_BYTES } from '@shared/api/contract';
import { htmlTreeToBlocks } from '@shared/body/html-to-blocks';
import { textToBlocks } from '@shared/body/text-to-blocks';
import { runsText, type Block } from '@shared/body/blocks';
import { FIELD_MAX_LENGTH } from '@shared/domain/story';
import { parseHtml } from './html-tree';
import {
  decodeText,
  isCompoundFile,
  isEncryptedOoxml,
  isZip,
  kindFromName,
  type ImportKind,
} from './detect-file';

export interface ImportedStory {
  headline: string;
  body: Block[];
  kind: ImportKind;
}

// The converters load on first use: most sessions never import a file, and
// they would add ~200 ms to every start.
async function markdownToHtml(source: string): Promise<string> {
  const { default: MarkdownIt } = await import('markdown-it');
  return new MarkdownIt({ html: false, linkify: true }).render(source);
}

/** A headline-like first line: short and not ending like a sentence. */
function looksLikeHeadline(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && [...t].length <= 50 && !/[。！？!?.；;：:，,]$/.test(t);
}

/** Takes the headline from the first block when it is a heading (or, for plain text, a short first line). */
function splitHeadline(blocks: Block[], plainText: boolean): { headline: string; body: Block[] } {
  const first = blocks[0];
  if (first && (first.type === 'heading' || (plainText && first.type === 'paragraph'))) {
    const text = runsText(first.runs).replace(/\s+/g, ' ').trim();
    if (first.type === 'heading' || looksLikeHeadline(text)) {
      return { headline: text.slice(0, FIELD_MAX_LENGTH.headline), body: blocks.slice(1) };
    }
  }
  return { headline: '', body: blocks };
}

async function docxToBlocks(bytes: Uint8Array): Promise<Block[]> {
  if (isEncryptedOoxml(bytes))
    throw new HostError('import_encrypted', 'the document is password-protected');
  if (isCompoundFile(bytes)) throw new HostError('import_unsupported', 'legacy .doc/.wps format');
  if (!isZip(bytes)) throw new HostError('import_not_docx', 'the file is not a .docx document');
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images belong to the asset pipeline; here they are dropped rather than inlined as data URLs.
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    throw new HostError('import_not_docx', `not a readable .docx: ${(err as Error).message}`);
  }
  return htmlTreeToBlocks(parseHtml(html));
}

export async function importStory(fileName: string, bytes: Uint8Array): Promise<ImportedStory> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new HostError('import_too_large', 'file too large', {
      maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
      sizeMb: Math.round((bytes.byteLength / 1024 / 1024) * 10) / 10,
    });
  }
  const kind = kindFromName(fileName);
  if (!kind) throw new HostError('import_unsupported', 'unsupported file type', { fileName });
  let blocks: Block[];
  switch (kind) {
    case 'docx':
      blocks = await docxToBlocks(bytes);
      break;
    case 'markdown':
      blocks = htmlTreeToBlocks(parseHtml(await markdownToHtml(decodeText(bytes))));
      break;
    case 'html':
      blocks = htmlTreeToBlocks(parseHtml(decodeText(bytes)));
      break;
    case 'text':
      if (isZip(bytes) || isCompoundFile(bytes) || bytes.includes(0)) {
        throw new HostError('import_unsupported', 'binary file named as text', { fileName });
      }
      blocks = textToBlocks(decodeText(bytes));
      break;
  }
  const { headline, body } = splitHeadline(blocks, kind === 'text');
  if (!headline && body.length === 0)
    throw new HostError('import_empty', 'the file has no text', { fileName });
  return { headline, body, kind };
}
