// The one error type route handlers throw; the error handler turns it into
// `{ error: { code, message, details, requestId } }` with the code's status.
import { HTTP_STATUS, type ErrorDetails, type ServerErrorCode } from '@shared/sync/errors';

export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = HTTP_STATUS[code];
  }
}
