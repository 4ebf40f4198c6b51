// SHA-256 as lowercase hex, synchronous and pure, so the same function runs in
// the renderer, the desktop host, the server and the audit script.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';

const encoder = new TextEncoder();

export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256(typeof input === 'string' ? encoder.encode(input) : input));
}

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hex digest');
