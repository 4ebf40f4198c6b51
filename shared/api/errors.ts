// Errors that cross the contract. Each code has a translated message under
// `errors.<code>` in the locale files; `details` fills its placeholders.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'unknown_call',
  'payload_too_large',
  'not_found',
  'conflict',
  'forbidden',
  'unauthorized',
  'storage_full',
  'storage_readonly',
  'storage_failed',
  'import_not_docx',
  'import_encrypted',
  'import_too_large',
  'import_unsupported',
  'import_empty',
  'import_failed',
  /** A photo: the bytes are not an image type we take (whatever the file is called). */
  'asset_not_image',
  /** A photo larger than MAX_ASSET_BYTES. */
  'asset_too_large',
  /** A photo whose bytes start like an image but cannot be read (truncated, damaged). */
  'asset_corrupt',
  'disconnected',
  /** The call needs a signed-in newsroom account (workflow.*, scan.*, authenticity.*, audit.*). */
  'signed_out',
  /** The newsroom server could not be reached (the host itself is fine). */
  'server_unreachable',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const HostErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** English, for logs; the UI shows the translation of `code`. */
  message: z.string(),
  details: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .optional(),
});
export type HostErrorData = z.infer<typeof HostErrorSchema>;

/** Thrown by services and by the renderer's client; carried over the contract as data. */
export class HostError extends Error {
  readonly code: ErrorCode;
  readonly details: HostErrorData['details'];
  constructor(code: ErrorCode, message: string, details?: HostErrorData['details']) {
    super(message);
    this.name = 'HostError';
    this.code = code;
    this.details = details;
  }
  toData(): HostErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
  static from(data: HostErrorData): HostError {
    return new HostError(data.code, data.message, data.details);
  }
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: HostErrorData };
