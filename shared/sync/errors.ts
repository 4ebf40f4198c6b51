// Errors the newsroom server answers with, on HTTP and on the document
// socket. Every code has a {zh-CN, en} text so a client can show the reason
// without its own table; `details` carries the facts (current revision…).
import { z } from 'zod';

export const SERVER_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'timeout',
  'stale',
  'invalid_state',
  'idempotency_conflict',
  'conflict',
  'unavailable',
  'internal',
] as const;
export const ServerErrorCodeSchema = z.enum(SERVER_ERROR_CODES);
export type ServerErrorCode = z.infer<typeof ServerErrorCodeSchema>;

export const ErrorDetailsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type ErrorDetails = z.infer<typeof ErrorDetailsSchema>;

export const ServerErrorSchema = z.object({
  code: ServerErrorCodeSchema,
  /** English, for logs; show `SERVER_ERROR_TEXT[code]` to people. */
  message: z.string(),
  details: ErrorDetailsSchema.optional(),
  /** The request id the server logged this under. */
  requestId: z.string().optional(),
});
export type ServerError = z.infer<typeof ServerErrorSchema>;

export const ErrorBodySchema = z.object({ error: ServerErrorSchema });

export const HTTP_STATUS: Record<ServerErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  timeout: 408,
  stale: 409,
  invalid_state: 409,
  idempotency_conflict: 422,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export const SERVER_ERROR_TEXT: Record<ServerErrorCode, { 'zh-CN': string; en: string }> = {
  invalid_input: { 'zh-CN': '请求内容不正确', en: 'The request is not valid' },
  unauthorized: { 'zh-CN': '登录已失效，请重新登录', en: 'Please sign in again' },
  forbidden: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '找不到该稿件或对象', en: 'Not found' },
  payload_too_large: { 'zh-CN': '内容超过大小限制', en: 'The content is too large' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  timeout: { 'zh-CN': '请求超时', en: 'The request timed out' },
  stale: {
    'zh-CN': '稿件已被他人修改，请刷新后再试',
    en: 'The story changed since you last saw it; refresh and try again',
  },
  invalid_state: {
    'zh-CN': '稿件当前状态不允许此操作',
    en: 'The story is not in a state that allows this',
  },
  idempotency_conflict: {
    'zh-CN': '同一操作编号被用于不同的操作',
    en: 'This command id was already used for a different command',
  },
  conflict: { 'zh-CN': '与现有数据冲突', en: 'This conflicts with existing data' },
  unavailable: { 'zh-CN': '服务器暂时不可用', en: 'The server is temporarily unavailable' },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
};

/**
 * Close codes on the document socket (4000–4999 are the application's).
 * 4401/4403 mirror HTTP so a client handles both the same way.
 */
export const SOCKET_CLOSE = {
  unauthorized: { code: 4401, reason: 'unauthorized' },
  forbidden: { code: 4403, reason: 'forbidden' },
  malformedUpdate: { code: 4400, reason: 'malformed-update' },
  tooLarge: { code: 1009, reason: 'message-too-large' },
  rateLimited: { code: 4429, reason: 'rate-limited' },
  storageFailed: { code: 4503, reason: 'storage-failed' },
  shuttingDown: { code: 1001, reason: 'server-shutting-down' },
} as const;
