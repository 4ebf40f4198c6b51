// Plain text to blocks: every non-empty line is a paragraph (how reporters'
// .txt files and chat messages are laid out), leading 　 indents dropped.
import type { Block } from './blocks';

export function textToBlocks(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0]+$/g, ''))
    .filter((line) => line.length > 0)
    .map((line) => ({ type: 'paragraph', runs: [{ text: line }] }));
}
