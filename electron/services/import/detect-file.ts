// What kind of file we were handed, judged by its bytes, not only its name:
// a renamed .doc, an encrypted Word file or a random file named .docx must
// each get their own plain message.
export type ImportKind = 'docx' | 'text' | 'markdown' | 'html';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP);
}

/** OLE compound file: legacy .doc/.wps, or an encrypted OOXML file. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, CFB);
}

/** Encrypted OOXML files are compound files with an `EncryptionInfo` stream (name stored UTF-16LE). */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  if (!isCompoundFile(bytes)) return false;
  const needle = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

export function kindFromName(fileName: string): ImportKind | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'docx') return 'docx';
  if (ext === 'txt' || ext === 'text') return 'text';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'html' || ext === 'htm') return 'html';
  return null;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM, and
 * GB18030/GBK, which Chinese Windows editors still save by default.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
