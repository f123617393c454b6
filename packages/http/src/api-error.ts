import { errorStatus, type ErrorCode, type Failure, type Result } from '@ward/core';

/**
 * An error the API answers with a stable code: a failed core Result on its way out of a handler, or
 * a refusal the HTTP layer itself makes (no bearer token, rate limit). Thrown where the problem is
 * found and rendered by the one error handler, so every route answers in the same shape.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Readonly<Record<string, unknown>>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  /** The HTTP status of this error's code, from core's one table. */
  get status(): number {
    return errorStatus[this.code];
  }
}

/** Whether `code` is one of core's stable error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorStatus, code);
}

/**
 * The error a failed Result becomes. A code outside core's table is a bug in the use case: it turns
 * into INTERNAL here rather than reaching a client that cannot know it.
 */
export function failureError(failure: Failure): ApiError {
  if (!isErrorCode(failure.code)) {
    return new ApiError('INTERNAL', 'The server failed to handle the request.', undefined, { cause: new Error(`Use case returned unknown code ${failure.code}: ${failure.message}`) });
  }
  return new ApiError(failure.code, failure.message, failure.details);
}

/** The value of a successful Result; a failure is thrown as an {@link ApiError} for the error handler. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw failureError(result);
}
