import { Type, type Static } from '@sinclair/typebox';
import { errorStatus, type ErrorCode } from '@ward/core';

/**
 * The one error shape of the API. `code` is stable and is what clients match on; `message` is for
 * people and may change; `details` names the offending field or limit where there is one;
 * `requestId` ties the answer to the server's logs.
 */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.Unsafe<ErrorCode>({ type: 'string', enum: Object.keys(errorStatus), description: 'Stable error code.' }),
        message: Type.String({ description: 'What went wrong, for people. Do not match on it.' }),
        details: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Structured context: the failing field, a limit, a retry delay.' })),
        requestId: Type.String({ description: 'The request id, also in the `x-request-id` response header.' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'Every error response of the API.' },
);

/** An error response body. */
export type ErrorBody = Static<typeof ErrorBody>;

/** Builds an error response body. */
export function errorBody(code: ErrorCode, message: string, requestId: string, details?: Readonly<Record<string, unknown>>): ErrorBody {
  return { error: details === undefined ? { code, message, requestId } : { code, message, details: { ...details }, requestId } };
}
